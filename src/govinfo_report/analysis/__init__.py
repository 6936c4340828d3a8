"""
Many reports at once: summaries (:mod:`.aggregate`), comparisons (:mod:`.compare`), indicators
(:mod:`.indicators`), folders and batches (:mod:`.batch`, :mod:`.collection`) and audit reports
(:mod:`.audit`).  Everything here works on reports and findings; nothing here reads a file format.
"""
