"""The dashboard (tableau de bord): figures of a contract under filters, alerts, charts.

No Qt here: the window (views/dashboard/dashboard_page.py), the workbook and the meeting pack all read the same
``Dashboard`` and draw the same matplotlib figures (``dashboard.charts``).
"""
