"""Architecture rules: the core never imports Streamlit; no unsafe deserialisation or HTML anywhere."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "planner"
UI = PACKAGE / "ui"


def python_files(*roots: Path) -> list[Path]:
    files = []
    for root in roots:
        if root.is_file():
            files.append(root)
        elif root.is_dir():
            files += sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)
    return files


CORE_FILES = [p for p in python_files(PACKAGE) if UI not in p.parents]
ALL_FILES = python_files(PACKAGE, ROOT / "pages", ROOT / "app.py")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(tree: ast.AST, this_module: str, is_package: bool) -> set[str]:
    """Absolute names of every module imported (relative imports resolved)."""
    names: set[str] = set()
    package = this_module if is_package else this_module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and _call_name(node.func) in ("importlib.import_module", "import_module", "__import__"):
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                names.add(node.args[0].value)
    return names


def _call_name(func: ast.AST) -> str:
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    return ".".join(reversed(parts))


def streamlit_imports(source: str, module: str = "planner.x", is_package: bool = False) -> list[str]:
    tree = ast.parse(source)
    return sorted(m for m in imported_modules(tree, module, is_package)
                  if m == "streamlit" or m.startswith("streamlit.") or m == "planner.ui" or m.startswith("planner.ui."))


# -- streamlit stays out of the core ----------------------------------------------------------------

def test_core_files_found():
    names = {p.name for p in CORE_FILES}
    assert {"cli.py", "safe_yaml.py", "answers.py", "transfer.py"} <= names
    assert not any(UI in p.parents for p in CORE_FILES)


@pytest.mark.parametrize("path", CORE_FILES, ids=[str(p.relative_to(ROOT)) for p in CORE_FILES])
def test_core_does_not_import_streamlit(path):
    found = streamlit_imports(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
    assert not found, f"{path.relative_to(ROOT)} imports {found}"


@pytest.mark.parametrize(
    "snippet, module",
    [("import streamlit", "planner.a"), ("import streamlit as st", "planner.a"),
     ("from streamlit import session_state", "planner.a"), ("import streamlit.components.v1 as c", "planner.a"),
     ("def f():\n    from streamlit import x", "planner.a"), ("from .ui import state", "planner.a"),
     ("from ..ui.state import md", "planner.render.x"), ("from planner.ui import charts", "planner.a"),
     ("import importlib\nimportlib.import_module('streamlit')", "planner.a")],
)
def test_streamlit_detector_catches(snippet, module):
    assert streamlit_imports(snippet, module)


def test_streamlit_detector_ignores_lookalikes():
    assert not streamlit_imports("import streamlit_extra_thing_not_real\nx = 'import streamlit'\n# import streamlit\n")


def test_ui_does_use_streamlit():
    # The UI layer is where Streamlit lives; if this fails the exclusion above hides nothing.
    assert any(streamlit_imports(p.read_text(encoding="utf-8"), module_name(p), p.name == "__init__.py")
               for p in python_files(UI))


def test_importing_the_core_does_not_load_streamlit():
    # Alembic migration scripts only run inside Alembic (they are still scanned for streamlit imports above).
    modules = sorted({module_name(p) for p in CORE_FILES if p.name != "__main__.py" and "migrations" not in p.parts})
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules) + \
           "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit' or m.startswith('planner.ui'))\n" \
           "print(','.join(bad))\n"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


# -- unsafe calls ---------------------------------------------------------------------------------

_YAML_UNSAFE = {"unsafe_load", "unsafe_load_all", "full_load", "full_load_all"}
_YAML_UNSAFE_LOADERS = {"Loader", "UnsafeLoader", "FullLoader", "CLoader", "CUnsafeLoader", "CFullLoader"}
_FORBIDDEN_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle"}


def unsafe_calls(source: str) -> list[str]:
    """Findings as 'line N: what'."""
    findings = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in _FORBIDDEN_MODULES:
                    findings.append(f"line {line}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in _FORBIDDEN_MODULES:
            findings.append(f"line {line}: from {node.module} import")
        elif isinstance(node, ast.ImportFrom) and node.module == "yaml":
            for alias in node.names:
                if alias.name in _YAML_UNSAFE | _YAML_UNSAFE_LOADERS | {"load", "load_all"}:
                    findings.append(f"line {line}: from yaml import {alias.name}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "yaml":
            if node.attr in _YAML_UNSAFE | _YAML_UNSAFE_LOADERS:
                findings.append(f"line {line}: yaml.{node.attr}")
        elif isinstance(node, ast.Call):
            name = _call_name(node.func)
            if name in ("eval", "exec", "builtins.eval", "builtins.exec", "os.system", "os.popen"):
                findings.append(f"line {line}: {name}(")
            if name in ("yaml.load", "yaml.load_all"):
                loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
                if loader is None and len(node.args) > 1:
                    loader = node.args[1]
                loader_name = _call_name(loader) if loader is not None else ""
                if not loader_name.endswith("SafeLoader"):
                    findings.append(f"line {line}: {name}( without SafeLoader")
            for keyword in node.keywords:
                if keyword.arg == "unsafe_allow_html" and not (
                        isinstance(keyword.value, ast.Constant) and keyword.value.value is False):
                    findings.append(f"line {line}: unsafe_allow_html")
                if keyword.arg == "shell" and isinstance(keyword.value, ast.Constant) and keyword.value.value is True:
                    findings.append(f"line {line}: shell=True")
    return findings


def test_scanned_files_found():
    rel = {str(p.relative_to(ROOT)) for p in ALL_FILES}
    assert "app.py" in rel
    assert any(r.startswith("pages/") for r in rel)
    assert any(r.startswith("src/planner/ui/") for r in rel)


@pytest.mark.parametrize("path", ALL_FILES, ids=[str(p.relative_to(ROOT)) for p in ALL_FILES])
def test_no_unsafe_calls(path):
    findings = unsafe_calls(path.read_text(encoding="utf-8"))
    assert not findings, f"{path.relative_to(ROOT)}: {findings}"


@pytest.mark.parametrize(
    "snippet",
    ["import yaml\nyaml.load(text)", "import yaml\nyaml.load(text, Loader=yaml.Loader)",
     "import yaml\nyaml.load(text, yaml.FullLoader)", "import yaml\nyaml.unsafe_load(text)",
     "import yaml\nyaml.full_load(text)", "from yaml import unsafe_load", "from yaml import load",
     "st.markdown(x, unsafe_allow_html=True)", "st.markdown(x, unsafe_allow_html=flag)",
     "eval('1+1')", "exec(code)", "import pickle", "from pickle import loads", "import marshal",
     "import subprocess\nsubprocess.run(cmd, shell=True)", "import os\nos.system(cmd)"],
)
def test_unsafe_detector_catches(snippet):
    assert unsafe_calls(snippet)


@pytest.mark.parametrize(
    "snippet",
    ["import yaml\nyaml.load(text, Loader=yaml.SafeLoader)", "import yaml\nyaml.load(t, Loader=yaml.CSafeLoader)",
     "import yaml\nyaml.safe_load(text)", "import yaml\nyaml.safe_dump(d)", "st.markdown(x)",
     "st.markdown(x, unsafe_allow_html=False)", "x = 'eval(1) pickle yaml.unsafe_load'", "literal_eval('1')",
     "import json\njson.loads(t)"],
)
def test_unsafe_detector_allows_safe_code(snippet):
    assert unsafe_calls(snippet) == []


# Builders in the core that escape every value they put into HTML (tests/test_point_bars.py); st.html may show
# only what one of them returns, called right in its argument.
ESCAPING_HTML_BUILDERS = {"point_bars_html"}


def _raw_html_calls(tree) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node.func) in {"st.html", "components.html", "st.components.v1.html"}:
            built = (_call_name(node.func) == "st.html" and len(node.args) == 1 and isinstance(node.args[0], ast.Call)
                     and _call_name(node.args[0].func) in ESCAPING_HTML_BUILDERS)
            if not built:
                found.append(f"line {node.lineno}: {_call_name(node.func)}(")
    return found


def test_no_html_injection_helpers_in_pages():
    # st.html / components.html render raw HTML; user text must never reach them (only an escaping builder's output).
    for path in python_files(ROOT / "pages", ROOT / "app.py", UI):
        assert not _raw_html_calls(ast.parse(path.read_text(encoding="utf-8"))), path


@pytest.mark.parametrize("snippet", ["st.html(x)", "st.html(f'<b>{name}</b>')", "st.html(other_html(x))",
                                     "components.html(point_bars_html(rows))", "st.html(point_bars_html(rows) + x)"])
def test_raw_html_detector_catches(snippet):
    assert _raw_html_calls(ast.parse(snippet))


def test_raw_html_detector_allows_an_escaping_builder():
    assert _raw_html_calls(ast.parse("st.html(point_bars_html(rows))")) == []


def test_importing_the_planner_builds_no_validator_the_first_page_does_not_use():
    """Issue 16: building every pydantic validator when the planner loads cost the first page after a start; they are
    built on first use (defer_build), so the Projects page pays none of it."""
    code = ("import planner.ui.boot\nfrom pydantic import BaseModel\n"
            "def walk(c):\n    for s in c.__subclasses__():\n        yield s\n        yield from walk(s)\n"
            "built = sorted({c.__name__ for c in walk(BaseModel) if c.__module__.startswith('planner.') and c.__pydantic_complete__})\n"
            "print(','.join(built))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_deployment_settings():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert 1 <= config["server"]["maxUploadSize"] <= 5
    assert config["client"]["showErrorDetails"] == "none"  # false means "stacktrace" since Streamlit 1.5x
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["headless"] is True


def test_no_private_streamlit_internals_in_the_app():
    """Routing must not depend on Streamlit internals another session can change (e.g. PagesManager's flag)."""
    for path in python_files(ROOT / "pages", ROOT / "app.py", UI):
        source = path.read_text(encoding="utf-8")
        for internal in ("PagesManager", "uses_pages_directory", "streamlit.runtime", "get_script_run_ctx"):
            assert internal not in source, f"{path.relative_to(ROOT)} uses {internal}"


def test_every_page_starts_by_routing_through_app_py():
    for path in sorted((ROOT / "pages").glob("*.py")):
        body = [n for n in ast.parse(path.read_text(encoding="utf-8")).body
                if not isinstance(n, (ast.Import, ast.ImportFrom)) and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
        first = body[0]
        assert isinstance(first, ast.Expr) and _call_name(first.value.func) == "ensure_app_navigation", path.name


def test_page_icon_ships_with_the_app():
    """A ':material/…:' or emoji page icon makes every page load fetch an image from a CDN."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _call_name(n.func) == "st.set_page_config"]
    assert len(calls) == 1
    icon = next(k.value for k in calls[0].keywords if k.arg == "page_icon")
    assert not isinstance(icon, ast.Constant), "page_icon must be the shipped file, not a name to fetch"
    assert (ROOT / "assets" / "icons" / "planner.png").stat().st_size > 0
    assert "ICON = Path(__file__).parent / \"assets\" / \"icons\" / \"planner.png\"" in (ROOT / "app.py").read_text()


def test_readme_states_the_built_in_question_counts():
    from planner.content import load_content

    content = load_content()
    questions = [q for s in content.sections for q in s.questions]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{len(questions)} questions in {['no', 'one', 'two', 'three', 'four', 'five', 'six'][len(content.sections)]} sections" in readme
    assert f"the {sum(not q.scored for q in questions)} free-text notes are optional" in readme


# -- user text never becomes Markdown -----------------------------------------------------------------------
# Streamlit renders Markdown in these arguments: call name → positional indexes; the keywords below count too.
_LABEL = (0,)
_MARKDOWN_ARGS = {
    **dict.fromkeys(("markdown", "caption", "info", "success", "warning", "error", "title", "header", "subheader", "toast",
                     "expander", "popover", "status", "spinner", "tabs", "metric", "badge", "dialog"), _LABEL),
    **dict.fromkeys(("button", "download_button", "link_button", "form_submit_button", "checkbox", "toggle", "radio",
                     "selectbox", "multiselect", "select_slider", "slider", "text_input", "text_area", "number_input",
                     "date_input", "time_input", "file_uploader", "color_picker", "camera_input", "segmented_control",
                     "pills", "feedback"), _LABEL),
    **dict.fromkeys(("Column", "TextColumn", "NumberColumn", "CheckboxColumn", "SelectboxColumn", "LinkColumn",
                     "DateColumn", "ProgressColumn", "ListColumn"), ()),  # only their help= tooltip is Markdown
    "write": "all", "progress": (1,), "page_link": (1,), "flash": (1,),  # flash(kind, message) shows it later as st.<kind>
}
_MARKDOWN_KEYWORDS = {"body", "label", "text", "help", "captions"}
_ESCAPERS = {"md", "escape_markdown"}
# Interpolations that cannot carry user text, each with why:
_SAFE_CALLS = {"len", "int", "round", "sum", "_pct", "_signal", "count"}  # numbers; risk.py/plan.py helpers format a number (+ a fixed word)
_SAFE_CALLS |= {"g", "fixed", "integer", "pct", "date", "iso_date"}  # the Translator's numbers and dates (planner.i18n)
_SAFE_CALLS |= {"_level"}  # risk.py: a built-in level ('high', 'very likely') in the app's language
_TRANSLATIONS = {"_", "ngettext", "N_"}  # a message of the catalog: safe when it is a constant; text passed through is looked into
_SAFE_EXPRESSIONS = {
    "n", "done", "hidden", "number", "score", "average", "index + 1", "reference", "provisional",  # counts and scores
    "result.answered", "result.asked", "p.answered", "p.asked", "d.answered", "snapshot.plan_version",  # counts
    "c.id", "c.level",  # built-in ids and levels ('C1', 'high')
    "fmt", "fmt.upper()", "fmt.label", "fmt.help",  # an export format from the code's own list (yaml, json; render.formats.FORMATS)
    "p.updated_at",  # a datetime the store wrote (shown through a %Y-%m-%d format)
    "ICONS.get(f.level, '')",  # the code's own icon markup per finding level (ui/plan/view.py)
    "DURATION_UNIT", "EFFORT_UNIT",  # planner.plan.units: fixed unit words
    "overall.answered", "overall.asked", "counts.answered", "counts.asked",  # planner.answers.progress counts
}
_NUMERIC_SPEC = re.compile(r"[+\- ]?[,_]?0?\d*(\.\d+)?[,_]?[bcdeEfFgGnoxX%]")
_TEXT_BUILDERS = (ast.JoinedStr, ast.BinOp, ast.IfExp, ast.Tuple, ast.List, ast.ListComp, ast.GeneratorExp)


class _MarkdownScan:
    """Finds interpolated values that reach Markdown without md(); names are followed to what is assigned to them."""

    def __init__(self, tree: ast.AST):
        self.assigned: dict[str, list] = {}
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
            for target in targets:
                if isinstance(target, ast.Name):
                    self.assigned.setdefault(target.id, []).append(node.value)
                else:  # unpacked (a, b = ...): what each name holds is unknown
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name):
                            self.assigned.setdefault(name.id, []).append(None)
        self.following: set[str] = set()

    def text(self, node: ast.AST):
        """The unsafe interpolated parts of a text expression (f-string values, concatenated or formatted operands)."""
        if _is_translation(node):
            yield from self.value(node)
        elif isinstance(node, ast.JoinedStr):
            for value in node.values:
                if isinstance(value, ast.FormattedValue):
                    spec = ast.unparse(value.format_spec)[2:-1] if value.format_spec else ""
                    if not _NUMERIC_SPEC.fullmatch(spec):
                        yield from self.value(value.value)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            yield from self.value(node.left)
            yield from self.value(node.right)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, (ast.Constant, ast.JoinedStr)):
            yield from self.text(node.left)
            yield from self.value(node.right)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                yield from self.value(arg)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join" and node.args:
            yield from self.text(node.args[0])
        elif isinstance(node, (ast.GeneratorExp, ast.ListComp)):
            yield from self.text(node.elt)
        elif isinstance(node, (ast.List, ast.Tuple)):
            for element in node.elts:
                yield from self.text(element)
        elif isinstance(node, ast.IfExp):
            yield from self.text(node.body)
            yield from self.text(node.orelse)
        elif isinstance(node, ast.Name) and node.id not in self.following:  # a bare name: judge the text built for it
            self.following.add(node.id)
            for value in self.assigned.get(node.id, []):
                if isinstance(value, _TEXT_BUILDERS) or _is_join_or_format(value):
                    yield from self.text(value)
            self.following.discard(node.id)

    def value(self, node: ast.AST):
        """An interpolated value: fine if escaped, a constant, a number or known-safe; text built from parts is looked into."""
        if isinstance(node, ast.Constant) or ast.unparse(node) in _SAFE_EXPRESSIONS:
            return
        if _is_translation(node):  # _("…"), t.ngettext("…", "…", n): the catalog's text; _(name) passes `name` through
            for arg in node.args[:2]:
                yield from self.value(arg)
            return
        if isinstance(node, ast.Call) and _call_name(node.func).rpartition(".")[2] in _ESCAPERS | _SAFE_CALLS:
            return
        if isinstance(node, _TEXT_BUILDERS) or _is_join_or_format(node):
            yield from self.text(node)
        elif isinstance(node, ast.Name) and node.id in self.assigned and node.id not in self.following \
                and None not in self.assigned[node.id]:
            self.following.add(node.id)
            for value in self.assigned[node.id]:
                yield from (node,) if any(True for _ in self.value(value)) else ()
            self.following.discard(node.id)
        else:
            yield node


def _is_translation(node) -> bool:
    return isinstance(node, ast.Call) and _call_name(node.func).rpartition(".")[2] in _TRANSLATIONS


def _is_join_or_format(node) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join")


def unescaped_markdown(source: str) -> list[str]:
    """Interpolated values reaching a Markdown-rendering argument without md()/escape_markdown(), as 'line N: call {value}'."""
    tree = ast.parse(source)
    scan = _MarkdownScan(tree)
    findings = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node.func).rpartition(".")[2]
        if name not in _MARKDOWN_ARGS:
            continue
        indexes = _MARKDOWN_ARGS[name]
        texts = [a for i, a in enumerate(node.args) if indexes == "all" or i in indexes]
        texts += [k.value for k in node.keywords if k.arg in _MARKDOWN_KEYWORDS]
        for text in texts:
            findings += [f"line {piece.lineno}: {name}(… {{{ast.unparse(piece)}}} …)" for piece in scan.text(text)]
    return sorted(set(findings))


MARKDOWN_FILES = python_files(ROOT / "pages", ROOT / "app.py", UI)


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=[str(p.relative_to(ROOT)) for p in MARKDOWN_FILES])
def test_user_text_reaches_markdown_only_escaped(path):
    findings = unescaped_markdown(path.read_text(encoding="utf-8"))
    assert not findings, f"{path.relative_to(ROOT)}: wrap these in md(): {findings}"


@pytest.mark.parametrize("snippet", [
    'flash("success", f"{name} was removed from the workshop")',  # pages/workshop.py before the fix
    'topic, minutes = topics[index]\nlabel = f"{index + 1}/{len(topics)} · {topic} — of {minutes:g} min"\n'
    'st.progress(0.5, text=label)',  # pages/plan.py before the fix
    'st.markdown("**" + project.name + "**")', 'st.caption("by {}".format(author))', 'st.title("%s" % name)',
    'left.button(f"Remove {p.name}")', 'st.tabs([f"{t.title}" for t in tabs])', 'st.write("a", f"{x}")',
    'st.metric(f"{label}", 3)', 'st.text_input("Name", help=f"e.g. {example}")', 'st.info("\\n".join(f"- {x}" for x in xs))',
    'st.warning(f"{a}" if ok else f"{b:>10}")', 'st.error(f"Not saved: {exc}")',
    'who = p.name\nst.caption(f"by {who}")', 'label = "x" + p.name\nst.toggle(label)', 'cfg.TextColumn("Name", help=f"{h}")',
    'st.markdown(_("Open project: {name}").format(name=project.name))', 'st.caption(_(p.name))',  # issue 17: translated
    'st.info(_("{n} left").format(n=t.fixed(x)) + p.name)', 'st.error(t._(f"{exc}"))',
])
def test_unescaped_markdown_detector_catches(snippet):
    assert unescaped_markdown(snippet)


@pytest.mark.parametrize("snippet", [
    'flash("success", f"{md(name)} was removed")', 'st.progress(0.5, text=f"{index + 1}/{len(topics)} · {md(topic)}")',
    'st.metric("P50", f"{s.p50:.0f} days")', 'st.caption(f"{share:.0%} answered, {total:,.0f} in all")',
    'st.markdown("**" + md(project.name) + "**")', 'st.download_button("CSV", data, f"{project.name}.csv")',
    'st.button("Go", key=f"go_{item.id}")', 'st.dataframe(frame)', 'st.info(message)', 'st.info(escape_markdown(x))',
    'names = " · ".join(md(n) for n in xs)\nst.caption(f"because of {names}")', 'extra = " (required)" if x else ""\nst.text_area(md(a) + extra)',
    'st.markdown(_("Open project: {name}").format(name=md(project.name)))', 'st.caption(_("Projects"))',  # issue 17: translated
    'st.caption(t._("{n} of {m}, {share}").format(n=n, m=t.integer(total), share=t.pct(x)))', 'st.title(_("Risk") + " · " + md(name))',
])
def test_unescaped_markdown_detector_allows_escaped_and_numbers(snippet):
    assert unescaped_markdown(snippet) == []


# -- small modules ------------------------------------------------------------------------------------------

STORE_FILES = python_files(PACKAGE / "store")


PACKAGE_FILES = python_files(PACKAGE)


@pytest.mark.parametrize("path", PACKAGE_FILES, ids=[str(p.relative_to(ROOT)) for p in PACKAGE_FILES])
def test_modules_stay_small(path):
    """One concept per module (issue 13): the store split by aggregate, the document writers walking one model, the
    UI state split by concern; no module grows back into several."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{path.relative_to(ROOT)} has {lines} lines; split it by concept"


_STORE_MAY_IMPORT = {"planner.domain", "planner.text", "planner.errors"}  # plain records and text checks, no core logic


@pytest.mark.parametrize("path", STORE_FILES, ids=[str(p.relative_to(ROOT)) for p in STORE_FILES])
def test_the_store_stays_at_ground_level(path):
    """At module level the store imports only the plain records it stores (planner.domain) and text checks, never the
    core's logic (answers, assessment, plan): it persists what the core defines and knows nothing above it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = ast.Module(body=[n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))], type_ignores=[])
    found = imported_modules(top_level, module_name(path), path.name == "__init__.py")
    upward = sorted(m for m in found if m.startswith("planner.") and not m.startswith("planner.store")
                    and not any(m == a or m.startswith(a + ".") for a in _STORE_MAY_IMPORT))
    assert not upward, f"{path.relative_to(ROOT)} imports {upward}"
# -- one definition of the plan's fixed lists -------------------------------------------------------------

_FIXED_LISTS = {"drivers": r'"model",\s*"data",\s*"engineering",\s*"none"',
                "phases": r'"exploration",\s*"development",\s*"integration",\s*"operation"',
                "RACI values": r'"R",\s*"A",\s*"C",\s*"I",\s*"A/R"'}


@pytest.mark.parametrize("name", list(_FIXED_LISTS))
def test_the_plans_fixed_lists_are_written_once(name):
    """Uncertainty drivers, project phases and RACI letters are listed in plan/model.py only; the rest import them."""
    pattern = re.compile(_FIXED_LISTS[name])
    found = [f"{p.relative_to(ROOT)}:{n}" for p in ALL_FILES for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found and all(f.startswith("src/planner/plan/model.py:") for f in found) and len(found) == 1, found
