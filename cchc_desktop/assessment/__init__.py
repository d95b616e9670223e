"""PAR Index self-assessment (tự đánh giá, chấm điểm Chỉ số CCHC cấp xã).

- ``rules``: a "Hướng dẫn chấm điểm" text read into a structured rule, and written back.
- ``scoring``: the score of each item and the totals, a pure function of (criteria, declared values).
- ``criteria_sheet``: the province's published table (STT | tiêu chí | điểm tối đa | hướng dẫn | tài liệu)
  read into a tree, from any file the import machinery reads.
- ``package``: the evidence package (.zip, one folder per item).
"""
