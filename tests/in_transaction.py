"""For tests that drive a repository directly: each call in its own transaction, as a service runs it
(a repository writes only inside its caller's transaction, docs/architecture.md « db/ »)."""

from __future__ import annotations


class InTransaction:
    """``InTransaction(ContractRepository(store)).save_contract(c)``: the call inside ``store.transaction()``."""

    def __init__(self, repo):
        self._repo = repo

    def __getattr__(self, name: str):
        attr = getattr(self._repo, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            with self._repo.store.transaction():
                return attr(*args, **kwargs)

        return call
