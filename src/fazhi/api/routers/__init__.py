"""One router per capability (analyze, extract, laws …) plus auth, me, cases, audit, admin."""
