"""The briefing's HTML exporter (a module of its own: nbconvert is imported only by a run that
exports pages)."""

from __future__ import annotations

from typing import Any

from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter


class BriefingExporter(HTMLExporter):
    """nbconvert's HTMLExporter without its last pass, which parses the page it has just written
    with BeautifulSoup to give images without alt text a default one and lab's cell wrappers a
    tabindex, then prints it again: three quarters of a page's export. The briefing template
    writes every image's alt text (the chart's own) and has no cell wrappers."""

    def from_notebook_node(self, nb: Any, resources: dict[str, Any] | None = None,  # type: ignore[override]
                           **kw: Any) -> tuple[str, dict[str, Any]]:
        # the filters HTMLExporter.from_notebook_node registers before rendering its template
        lang = nb.metadata.get("language_info", {})
        self.register_filter("highlight_code", self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lang.get("pygments_lexer", lang.get("name")), parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)
