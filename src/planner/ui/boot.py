"""Imported first by app.py and by every page: the planner's modules load once, packages before their parts.

Sessions run in parallel threads. When one thread imports a submodule (`planner.plan.catalogue`)
while another imports its package (`planner.plan`), Python's per-module import locks can deadlock
(`_DeadlockError`) or hand a thread a half-initialised module (`ImportError: cannot import name
'Plan'`) - seen when ten browsers reconnected to a freshly started server. A thread importing this
module waits on its lock until the first thread has loaded everything below in one fixed order.
Heavy leaves (altair charts, the reportlab PDF writer) stay out: they import only loaded modules.
"""

import planner.access_policy  # noqa: F401
import planner.answers  # noqa: F401
import planner.assessment  # noqa: F401
import planner.conditions  # noqa: F401
import planner.content  # noqa: F401
import planner.errors  # noqa: F401
import planner.explainers  # noqa: F401
import planner.filenames  # noqa: F401
import planner.milestones  # noqa: F401
import planner.plan  # noqa: F401
import planner.plan.catalogue  # noqa: F401
import planner.plan.defaults  # noqa: F401
import planner.plan.report  # noqa: F401
import planner.plan.units  # noqa: F401
import planner.plan.whatif  # noqa: F401
import planner.render  # noqa: F401
import planner.store  # noqa: F401
import planner.store.store  # noqa: F401
import planner.transfer  # noqa: F401
import planner.workshop  # noqa: F401
import planner.ui.state  # noqa: F401  (last: it builds on the core)
