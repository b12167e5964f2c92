"""Marking the class's work: read scanned or filled sheets back, score them, report.

:mod:`.results` is the record every step shares (``build/<lesson>/marks/marks.json``): the
reader fills it from the scans, the teacher's bands and decisions are added to it in the
browser, and the CSV files, feedback sheets and class report are made from it.
"""
