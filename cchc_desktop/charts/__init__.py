"""Charts: described once as data (``model``), laid out once (``layout``), drawn as SVG for the screen
(``svg``) and with reportlab for documents (``drawing``). ``overview`` describes the three charts of the
overview and of the periodic report's chart appendix."""
