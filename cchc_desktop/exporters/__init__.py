"""Documents written from the data: the plan's appendix (XLSX, DOCX) and, later, reports."""
