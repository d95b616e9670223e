"""Text as the officer sees it: old Vietnamese encodings (TCVN3, VNI) to Unicode, and NFC everywhere.

``normalize_document`` runs once on every read document, whatever its format.
"""
from __future__ import annotations

import unicodedata

from cchc_desktop.importers.document import SourceDocument, Table


def normalize_document(document: SourceDocument) -> SourceDocument:
    """Every paragraph and cell of ``document`` in NFC, in place; returns the document."""
    nfc = unicodedata.normalize
    for index, block in enumerate(document.blocks):
        if isinstance(block, Table):
            block.rows = [[nfc("NFC", cell) for cell in row] for row in block.rows]
        else:
            document.blocks[index] = nfc("NFC", block)
    document.properties = {k: nfc("NFC", v) for k, v in document.properties.items()}
    return document
