"""The branca plumbing of the per-date map: literal text, the map's element, counter ids.

folium builds a page from branca elements, each compiled as a Jinja template when rendered and
named by a random id. Here: :class:`Literal` text is never compiled (article text must never be
template source), the map's own element renders its macros once with the data as values, and
:func:`renumber_ids` makes two renders of one map identical.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import lru_cache
from typing import Any


def inert_text(text: str) -> str:
    """Return ``text`` escaped for HTML with ``{`` and ``}`` as character references.

    For the few labels that must pass through folium's own elements (layer names), which branca
    compiles once more as Jinja source: without a brace no template syntax can start, and the
    browser shows the same characters (Leaflet sets layer names as HTML).
    """
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


@lru_cache(maxsize=1)
def element_class() -> type:
    """Return the class of the map's element (``GeoLayers``), made once (branca imported lazily)."""
    from branca.element import Element, Figure, MacroElement
    from jinja2 import Template

    class Literal(Element):
        """Text placed into the page as it is: unlike a branca ``Element`` never compiled."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self._name = "Literal"
            self.text = text

        def render(self, **kwargs: Any) -> str:
            return self.text

    class GeoLayers(MacroElement):
        """Inline assets, the title and legend, and the script that fills the side layers.

        Its macros are rendered once, with the data as values; the output goes into the page
        as :class:`Literal` text. branca's ``MacroElement.render`` would wrap it in a new
        ``Element``, compiling everything rendered into it (article text included) as a
        template a second time: ``{{...}}`` in a title would run.
        """

        _template = Template(
            """
{% macro header(this, kwargs) %}{% if this.assets -%}
<link rel="stylesheet" href="{{ this.assets }}/geo.css">
<script src="{{ this.assets }}/geo.js"></script>
<script src="{{ this.assets }}/places.js"></script>
{%- for src in this.scripts %}
<script src="{{ this.assets }}/{{ src }}"></script>{% endfor %}{% else %}
<style>{{ this.css }}</style>
<script>{{ this.js }}</script>{% endif %}{% endmacro %}
{% macro html(this, kwargs) %}<div class="geo-title" id="geo-title">{{ this.title_html }}</div>
{{ this.legend }}{% endmacro %}
{% macro script(this, kwargs) %}
    geoMap.build({{ this._parent.get_name() }}, {
    {%- for side, group in this.groups -%}
    {{ side|tojson }}: {{ group.get_name() }}{{ "," if not loop.last }}
    {%- endfor -%}
    }, {{ this.changes.get_name() }}, {{ this.data }});
{% endmacro %}
"""
        )

        def __init__(
            self,
            *,
            css: str,
            js: str,
            title_html: str,
            legend: str,
            groups: list[tuple[str, Any]],
            changes: Any,
            data: str,
            assets: str | None = None,
            scripts: Sequence[str] = (),
        ) -> None:
            super().__init__()
            self._name = "GeoLayers"
            self.css, self.js, self.title_html, self.legend = css, js, title_html, legend
            self.assets, self.scripts = assets, list(scripts)
            self.groups, self.changes, self.data = groups, changes, data

        def render(self, **kwargs: Any) -> str:
            figure = self.get_root()
            if not isinstance(figure, Figure):
                raise TypeError("GeoLayers must be rendered inside a branca Figure")
            module = self._template.module
            name = self.get_name()
            figure.header.add_child(Literal(module.header(self, kwargs)), name=name)
            figure.html.add_child(Literal(module.html(self, kwargs)), name=name)
            figure.script.add_child(Literal(module.script(self, kwargs)), name=name)
            for child in self._children.values():
                child.render(**kwargs)
            return ""

    return GeoLayers


def renumber_ids(root: Any) -> None:
    """Give every branca element under ``root`` a counter id, so two renders are identical.

    branca draws a random id per element; the JavaScript variable names come from it.
    """
    counter = 0
    seen: set[int] = set()

    def visit(element: Any) -> None:
        nonlocal counter
        if id(element) in seen:
            return
        seen.add(id(element))
        counter += 1
        element._id = f"{counter:04x}"
        for child in list(getattr(element, "_children", {}).values()):
            visit(child)

    visit(root)


__all__ = ["element_class", "inert_text", "renumber_ids"]
