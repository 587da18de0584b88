"""Privacy: recognising personal information and anonymising judgments for publication.

Layers (anonymization.md §7): recognisers find spans (`Detection`), the anonymiser decides
per rule and profile what to replace or delete, the publication check says whether a
document may go online at all. Recognisers never decide; they say what a span is, how
sure they are, and why.
"""
