"""Workbooks in and out: the export and re-import dialogs, the first import of a spreadsheet."""
