"""Project history: every write goes through a Change, which records its entries when the write commits."""

from __future__ import annotations

from sqlalchemy import insert, select

from .records import HistoryEntry, clean_author
from .tables import history, now


class Change:
    """One write transaction: statements run on its connection; `record` notes what changed, for the history.

    The noted entries are inserted once, at the end of the transaction (Store._write), so no write
    path writes history rows by hand.
    """

    def __init__(self, conn):
        self.conn = conn
        self.entries: list[dict] = []

    def execute(self, *args, **kwargs):
        return self.conn.execute(*args, **kwargs)

    def record(self, project_id: str, author: str, kind: str, target: str, detail: str = "") -> None:
        self.entries.append(dict(project_id=project_id, at=now(), author=clean_author(author), kind=kind,
                                 target=str(target)[:200], detail=str(detail)[:20_000]))

    def flush(self) -> None:
        for entry in self.entries:  # one by one, so the ids keep the order the changes were made in
            self.conn.execute(insert(history).values(**entry))
        self.entries = []


def read(conn, project_id: str, limit: int) -> list[HistoryEntry]:
    """Newest first."""
    rows = conn.execute(select(history).where(history.c.project_id == project_id)
                        .order_by(history.c.id.desc()).limit(limit)).mappings().all()
    return [HistoryEntry(r["at"], r["author"], r["kind"], r["target"], r["detail"]) for r in rows]
