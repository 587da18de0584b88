"""Statute knowledge base, citation checking and law push (法发〔2022〕33号 §8, §16).

Four verbs: :func:`open_kb` (the knowledge base, built on first use from the data shipped in
fazhi), :func:`check_citations` (find every citation and check it against the knowledge base),
:func:`push` (rank the articles that apply to facts or a question) and :meth:`KnowledgeBase.article`
(show one article as in force on a date).
"""
