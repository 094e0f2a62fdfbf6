"""Reading rendered pages in tests: texts of elements and rows of tables, whitespace collapsed."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)

    @property
    def text(self) -> str:
        parts = []
        for child in self.children:
            parts.append(child.text if isinstance(child, Node) else child)
        return " ".join(" ".join(parts).split())

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        found = []
        for child in self.children:
            if not isinstance(child, Node):
                continue
            if child.tag == tag and (cls is None or cls in child.attrs.get("class", "").split()):
                found.append(child)
            found.extend(child.find_all(tag, cls))
        return found


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(response_or_html) -> Node:
    html = response_or_html.content.decode() if hasattr(response_or_html, "content") else response_or_html
    builder = _Builder()
    builder.feed(html)
    return builder.root


def texts(response, tag: str, cls: str | None = None) -> list[str]:
    return [node.text for node in parse(response).find_all(tag, cls)]


def table_rows(response, index: int = 0) -> list[list[str]]:
    """Body rows of the index-th table on the page, each a list of cell texts."""
    table = parse(response).find_all("table")[index]
    body = table.find_all("tbody")[0]
    return [[cell.text for cell in row.children if isinstance(cell, Node) and cell.tag in ("th", "td")]
            for row in body.find_all("tr")]


def first_column(response, index: int = 0) -> list[str]:
    return [row[0] for row in table_rows(response, index)]


def main_text(response) -> str:
    return parse(response).find_all("main")[0].text
