"""The cross-source fact check: the figures and names several reports of one event give, compared.

:mod:`linter.facts.claims` reads each report's claims, :mod:`linter.facts.grouping`
groups those that speak of the same thing and gives each group a verdict;
the rules in :mod:`linter.rules.facts` turn disputed groups into findings.
"""

from linter.facts.claims import Claim, ClaimKind, Context, extract_claims
from linter.facts.grouping import ClaimGroup, FactCheck, Verdict, check_facts

__all__ = ["Claim", "ClaimGroup", "ClaimKind", "Context", "FactCheck", "Verdict", "check_facts", "extract_claims"]
