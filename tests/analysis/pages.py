"""Reading the analysis pages in tests, on the project's small HTML parser (tests/web/pages.py)."""

from __future__ import annotations

from tests.web.pages import Node, parse


def text(response) -> str:
    return parse(response).text


def nodes(node: Node):
    for child in node.children:
        if isinstance(child, Node):
            yield child
            yield from nodes(child)


def with_id(node: Node, ident: str) -> Node | None:
    return next((n for n in nodes(node) if n.attrs.get("id") == ident), None)


def section_node(response, heading_id: str) -> Node | None:
    """The innermost <section> holding the element with this id."""
    found = None
    for s in parse(response).find_all("section"):
        if with_id(s, heading_id) is not None:
            found = s
    return found


def section(response, heading_id: str) -> str:
    node = section_node(response, heading_id)
    return node.text if node else ""


def rows(table: Node) -> list[list[str]]:
    body = table.find_all("tbody")[0]
    return [[c.text for c in row.children if isinstance(c, Node) and c.tag in ("th", "td")]
            for row in body.find_all("tr")]


def links(node: Node) -> list[tuple[str, str]]:
    return [(a.text, a.attrs.get("href", "")) for a in node.find_all("a")]


def containing(response, tag: str, inner_text: str) -> Node | None:
    """The innermost `tag` element whose text contains a link with exactly this text."""
    found = None
    for n in parse(response).find_all(tag):
        if any(a.text == inner_text for a in n.find_all("a")):
            found = n
    return found
