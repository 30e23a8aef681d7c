"""Project history: every write goes through a Change, which records its entries when the write commits."""

from __future__ import annotations

from sqlalchemy import func, insert, select

from .records import HistoryEntry, HistoryPage, clean_author
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


def _where(project_id: str, kinds, authors) -> list:
    conditions = [history.c.project_id == project_id]
    if kinds:
        conditions.append(history.c.kind.in_(list(kinds)))
    if authors:
        conditions.append(history.c.author.in_(list(authors)))
    return conditions


def read(conn, project_id: str, limit: int, offset: int = 0, kinds=None, authors=None) -> list[HistoryEntry]:
    """Newest first: `limit` entries after skipping `offset`, only of `kinds` and `authors` when given."""
    rows = conn.execute(select(history).where(*_where(project_id, kinds, authors))
                        .order_by(history.c.id.desc()).limit(max(0, limit)).offset(max(0, offset))).mappings().all()
    return [HistoryEntry(r["at"], r["author"], r["kind"], r["target"], r["detail"]) for r in rows]


def count(conn, project_id: str, kinds=None, authors=None) -> int:
    """How many entries `read` can page through with the same filters."""
    return conn.execute(select(func.count()).select_from(history).where(*_where(project_id, kinds, authors))).scalar_one()


def page(conn, project_id: str, limit: int, offset: int, kinds=None, authors=None) -> HistoryPage:
    """One page of entries, how many match the filters and how many there are, and who and what occur at all."""
    return HistoryPage(
        entries=tuple(read(conn, project_id, limit, offset, kinds, authors)),
        matching=count(conn, project_id, kinds, authors),
        total=count(conn, project_id),
        authors=tuple(conn.execute(select(history.c.author).distinct().where(history.c.project_id == project_id)
                                   .order_by(history.c.author)).scalars()),
        kinds=tuple(r.kind for r in conn.execute(select(history.c.kind, func.max(history.c.id).label("last"))
                                                 .where(history.c.project_id == project_id)
                                                 .group_by(history.c.kind).order_by(func.max(history.c.id).desc()))),
    )
