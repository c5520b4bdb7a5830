"""Read and analyse on a Dask cluster, write Parquet shards, merge them into the store.

The client (this process) expands the inputs into files and groups them into tasks; each
task runs on a worker, which reads its files as a local run would (``read_all``: the
same screening), analyses them with a model loaded once per worker process, and writes one
Parquet shard (``shards``). The client merges each finished shard into the store, in task
order, so that speakers are matched in the same order as a local run of the same inputs.

With a ``Budget`` (the CLI always gives one), a worker analyses in a process of its own, as
a local run with a budget does (``pool``): an article that runs over its time or kills that
process (a crash in C, the memory budget) is failed alone, with the local run's reason, and
the rest of its task is analysed. That process loads the model once and serves every later
task of its worker; it is replaced only when an article kills it or runs over.

A shard is named after its task's inputs (path, size, modification time) and the settings
that shape its contents, so a run started again skips every task whose shard is complete:
after a kill, only the unfinished tasks are redone, and merging, which skips stored
articles, stores every article exactly once.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import multiprocessing
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..errors import InputError, OnrecordError
from ..ingest import JSONL_ENDINGS, STDIN, WARC_ENDINGS, iter_inputs, unread_files
from ..ingest.reading import read_all
from ..version import __version__
from . import pool
from .local import IngestOptions, IngestReport, count_stored, ingest_options, save_counted, stopped_before
from .pool import Budget

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

    from ..model import Article
    from ..store import Store

# Small files per task on average: enough to amortise a task's cost (a few ms of
# scheduling, three Parquet files), few enough to spread a folder over many workers.
GROUP = 32
MAX_GROUP = 4 * GROUP
# Part of every shard name: a change to what a shard holds must not reuse old shards.
SHARD_FORMAT = "onrecord-shard/1"
# How long a scheduler may be without workers before the run gives up.
WORKER_WAIT = 60.0
CONNECT_TIMEOUT = "10s"
# Memory a worker process needs (the model, a batch of parses, a shard's rows): a LocalCluster
# has no more workers than fit, since Dask splits the memory among them and kills one that
# goes over its share.
WORKER_MEMORY = 2**30


@dataclass(frozen=True)
class Task:
    """The files one worker reads into one shard: (name as given, absolute path) pairs."""
    key: str
    files: tuple[tuple[str, str], ...]
    size: int

    def given(self, name: str) -> str:
        """``name`` (a source or failure subject) with an absolute path put back as it was given
        (``/x/in/a.jsonl:3`` -> ``in/a.jsonl:3``): records match those of a local run."""
        for given, absolute in self.files:
            if name == absolute or (name.startswith(absolute) and name[len(absolute)] in ":#"):
                return given + name[len(absolute):]
        return name


def plan_tasks(paths: Iterable[str | os.PathLike[str]], published: str | None = None,
               rescorer: str | None = None) -> list[Task]:
    """The tasks of an ingest of ``paths``, in input order: one per JSON lines or WARC file,
    small files in groups. InputError for standard input, which workers cannot read.

    Group boundaries fall where a path's hash says, not every N files, so a file added to a
    folder changes the one group it falls into and the other shards are reused."""
    tasks: list[Task] = []
    group: list[tuple[str, str, int, int]] = []

    def close_group() -> None:
        if group:
            tasks.append(_task(group, published, rescorer))
            group.clear()

    for path in iter_inputs(paths):
        if os.fspath(path) == STDIN:
            raise InputError(STDIN, "standard input cannot be read on a Dask cluster; "
                                    "give files or folders every worker can read")
        given = os.fspath(Path(path))
        absolute = os.path.abspath(given)
        try:
            stat = os.stat(absolute)
            entry = (given, absolute, stat.st_size, stat.st_mtime_ns)
        except OSError:                   # the worker reports it, as a local run would
            entry = (given, absolute, -1, -1)
        if given.lower().endswith(JSONL_ENDINGS + WARC_ENDINGS):
            close_group()
            tasks.append(_task([entry], published, rescorer))
            continue
        group.append(entry)
        cut = int.from_bytes(hashlib.sha256(os.fsencode(absolute)).digest()[:4], "big") % GROUP == 0
        if cut or len(group) >= MAX_GROUP:
            close_group()
    close_group()
    return tasks


def _task(entries: list[tuple[str, str, int, int]], published: str | None, rescorer: str | None) -> Task:
    digest = hashlib.sha256()
    for part in (SHARD_FORMAT, _worker_version(), published or "", rescorer or ""):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for given, absolute, size, mtime in entries:
        digest.update(f"{given}\0{absolute}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
    return Task(digest.hexdigest()[:40], tuple((g, a) for g, a, _, _ in entries),
                sum(max(size, 0) for _, _, size, _ in entries))


# -- on the workers ---------------------------------------------------------------------------

# The analysers of this worker process, by rescorer: the model loads once per process and
# stays for every later task and run. Dask workers may run tasks on several threads; the
# lock keeps one analysis at a time (start workers with --nthreads 1 to use every core).
_analyzers: dict[str | None, Any] = {}
_lock = threading.Lock()


def _worker_analyzer(rescorer_path: str | None):
    with _lock:
        if rescorer_path not in _analyzers:
            from ..nlp import Analyzer

            rescorer = None
            if rescorer_path:
                from ..learn import LogisticRescorer
                rescorer = LogisticRescorer.load(rescorer_path)
            _analyzers[rescorer_path] = Analyzer(rescorer=rescorer)
        return _analyzers[rescorer_path]


def run_task(task: Task, folder: str, published: str | None = None,
             rescorer_path: str | None = None, budget: Budget | None = None,
             stopped: dict[str, str] | None = None):
    """Read, analyse and write the shard of ``task`` (on a worker); its ``ShardSummary``.
    With ``budget``, analysis runs in this worker's analysing process (``_analysed_within``).
    ``stopped``: texts whose analysis was stopped in an earlier run (id -> reason), failed
    again without analysis."""
    from . import shards

    with shards.ShardWriter(folder, task.key) as shard:
        def failed(subject: str, reason: str, stopped: str | None = None) -> None:
            shard.fail(task.given(subject), reason, stopped)

        articles = _unless_stopped(read_all([absolute for _, absolute in task.files], failed, published),
                                   stopped or {}, failed)
        if budget is None:
            analysed = _analysed(_worker_analyzer(rescorer_path), articles, failed)
        else:
            analysed = _analysed_within(articles, rescorer_path, budget, failed)
        for article in analysed:
            if article.source:
                article = dataclasses.replace(article, source=task.given(article.source))
            shard.add(article)
        return shard.commit()


def _unless_stopped(articles: Iterable["Article"], stopped: dict[str, str],
                    failed: Callable[..., None]) -> Iterator["Article"]:
    for article in articles:
        if article.id in stopped:
            failed(pool.subject(article), stopped_before(stopped[article.id]))
        else:
            yield article


def _analysed(analyzer, articles: Iterable["Article"], failed: Callable[[str, str], None]):
    """Analysed articles, parsed in the analyser's batches; an article that cannot be analysed
    is reported and skipped (its batch is redone one article at a time to find it)."""
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= analyzer.batch_size:
            yield from _analyse_batch(analyzer, batch, failed)
            batch = []
    yield from _analyse_batch(analyzer, batch, failed)


def _analyse_batch(analyzer, batch: list["Article"], failed: Callable[[str, str], None]):
    if not batch:
        return []
    with _lock:
        try:
            return list(analyzer.analyse_many(batch))
        except Exception:
            pass
        done = []
        for article in batch:
            try:
                done.append(analyzer.analyse(article))
            except Exception as err:              # reported, the task goes on
                failed(pool.subject(article), f"analysis failed ({err.__class__.__name__}: {err})")
        return done


# This worker process's analysing process, under its (rescorer, budget): kept for every
# later task and run with the same settings, so the model loads once; other settings
# replace it (one model per worker, not one per setting ever used).
_budgeted: dict[tuple[str | None, Budget], "pool.Workers"] = {}


def _close_budgeted() -> None:
    """(On a worker about to end) shut its analysing process down: left running, it keeps the
    worker from exiting until the nanny kills it."""
    with _lock:
        _drop_budgeted()


def _drop_budgeted() -> None:
    for workers in _budgeted.values():      # (the caller holds _lock)
        workers.close()
    _budgeted.clear()


def _analysed_within(articles: Iterable["Article"], rescorer_path: str | None, budget: Budget,
                     failed: Callable[..., None]) -> Iterator["Article"]:
    """Analysed articles, as ``analyse_parallel(articles, 1, budget=budget)`` gives them, on
    a pool kept from task to task; the failed (over the budget, killing their process, or
    raising) go to ``failed``. One task at a time uses the pool: the lock is held throughout."""
    with _lock, _children_allowed():
        workers = _budgeted.get((rescorer_path, budget))
        if workers is None:
            _drop_budgeted()
            workers = _budgeted[(rescorer_path, budget)] = pool.Workers(1, rescorer_path, budget)
        yield from _sorted(pool.analyse_on(workers, articles), failed)


def _sorted(results: Iterable["pool.Result"], failed: Callable[..., None]) -> Iterator["Article"]:
    for result in results:
        if isinstance(result, tuple):          # (input, reason), or pool.Stopped: the same and its id
            failed(*result)
        else:
            yield result


@contextlib.contextmanager
def _children_allowed():
    """Dask starts its worker processes as daemons, and multiprocessing forbids a daemon to
    start processes (so that none outlives it); the analysing process is tethered to its
    worker instead (``pool._tether``), and the flag is lifted while a budgeted task runs."""
    config = getattr(multiprocessing.current_process(), "_config")
    daemon = config.get("daemon")
    config["daemon"] = False
    try:
        yield
    finally:
        if daemon is None:
            config.pop("daemon", None)
        else:
            config["daemon"] = daemon


def _worker_version() -> str:
    return __version__


# -- on the client ----------------------------------------------------------------------------

def ingest_dask(paths: Iterable[str | os.PathLike[str]], scheduler: str,
                db: str | os.PathLike[str] | None = "onrecord.db",
                out: str | os.PathLike[str] | None = None, options: IngestOptions | None = None, *,
                n_workers: int | None = None, budget: Budget | None = None, **given) -> "IngestReport":
    """Ingest ``paths`` on a Dask cluster, as ``options`` (``IngestOptions``, or its fields
    given by name) say, as ``ingest_paths`` does here: ``scheduler`` is ``"local"`` (a LocalCluster of one
    single-threaded worker process per core and GB of memory, or ``n_workers``) or a scheduler address
    (``tcp://host:8786``). Inputs, the shard folder and the rescorer must be reachable by the
    same paths on every worker and here (a shared filesystem).

    Shards go to ``out`` and are kept there; with ``db`` they are also merged into that store,
    ``batch_size`` articles per transaction, articles already stored counted as unchanged.
    ``db=None`` writes Parquet only (``saved`` then counts articles written, ``unchanged``
    those found in shards from an earlier run).

    Without ``out``, shards go to ``<db>.shards`` beside the store and the folder is deleted
    once every shard is merged. Its name is fixed, not random, because resuming needs it: a
    run killed before the end leaves the folder, and the same command run again reuses its
    complete shards and only analyses the rest. After a complete run there is nothing left to
    reuse, and a repeat analyses again (storing nothing new); keep shards with ``out`` to
    make repeats cheap. ``reanalyse`` ignores existing shards and replaces stored records.

    ``budget`` is what one article may cost, as in ``ingest_paths``: each worker then analyses
    in a process of its own, and an article over its time or killing that process is failed
    alone, with its reason; the rest of its task is analysed (None: analysis in the worker,
    without limits).

    Failures (unreadable inputs, other languages, analysis errors, articles over their budget,
    a task its worker could not finish) go to the report and to ``on_error``; the run goes on. ``on_progress`` hears
    (articles done, statements found) as each task finishes.
    """
    from . import shards

    options = ingest_options(options, given)
    if db is None and out is None:
        raise InputError("--out", "give a store to merge into or a folder for the Parquet shards")
    published, reanalyse, on_error = options.published, options.reanalyse, options.on_error
    rescorer = _rescorer_token(options.rescorer_path) if options.rescorer_path else None
    rescorer_path = os.path.abspath(options.rescorer_path) if options.rescorer_path else None
    paths = list(paths)
    tasks = plan_tasks(paths, published, rescorer)
    folder, temporary = _shard_folder(db, out)
    try:
        shards.prepare(folder)
    except OSError as err:
        raise InputError(str(folder), f"cannot create the shard folder ({err.strerror or err})") from None

    report = IngestReport()
    done = {"articles": 0, "statements": 0}
    store = _open_store(db) if db is not None else None
    try:
        merger = _Merger(tasks, folder, store, report, reanalyse, options.batch_size, on_error)
        for unread in unread_files(paths):                # reported here: no worker sees them
            merger.failed(unread.subject, unread.reason)
        # Inputs stopped in an earlier run fail again at once, as in a local run.
        stopped = store.stopped_inputs() if store is not None and not (reanalyse or options.retry_stopped) else {}
        with contextlib.closing(_run(tasks, scheduler, n_workers, folder, (published, rescorer_path, budget, stopped),
                                     reanalyse)) as summaries:
            for index, summary, reused in summaries:
                done["articles"] += summary.articles + len(summary.failed)
                done["statements"] += summary.statements
                merger.add(index, summary, reused)
                if options.on_progress:
                    options.on_progress(done["articles"], done["statements"])
        shards.remove_temporaries(folder, (t.key for t in tasks))
    finally:
        if store is not None:
            store.close()
    if temporary:
        shutil.rmtree(folder, ignore_errors=True)
    return report


def _rescorer_token(path: str) -> str:
    """Fails here, before any cluster starts, on a model the workers could not load; else
    what names this model's version in shard names."""
    from ..learn import LogisticRescorer

    LogisticRescorer.load(path)
    stat = os.stat(path)
    return f"{os.path.abspath(path)}\0{stat.st_size}\0{stat.st_mtime_ns}"


def _shard_folder(db, out) -> tuple[Path, bool]:
    if out is not None:
        return Path(os.path.abspath(out)), False
    if str(db) in ("", ":memory:"):                   # nothing to resume into: any folder will do
        return Path(tempfile.mkdtemp(prefix="onrecord-shards-")), True
    db = Path(os.path.abspath(db))
    return db.with_name(db.name + ".shards"), True


def _open_store(db) -> "Store":
    from ..store import Store

    store = Store(db)      # before the cluster starts: a store that cannot be written fails fast
    try:
        store.check_writable()
    except BaseException:
        store.close()
        raise
    return store


def _run(tasks: list[Task], scheduler: str, n_workers: int | None, folder: Path,
         settings: tuple[str | None, str | None, Budget | None, dict[str, str]], reanalyse: bool):
    """(task index, ShardSummary, whether it was reused) for every task, as they finish:
    complete shards first (when not ``reanalyse``), then those the cluster computes.
    ``settings`` are ``run_task``'s last arguments: published, rescorer path, budget, stopped."""
    from . import shards

    todo = []
    for index, task in enumerate(tasks):
        if not reanalyse and shards.is_complete(folder, task.key):
            try:
                summary = shards.read_summary(folder, task.key)
            except Exception:                         # damaged since: made again below
                todo.append(index)
            else:
                yield index, summary, True
        else:
            todo.append(index)
    if not todo:
        return                                        # nothing to compute: no cluster needed
    from distributed import as_completed

    with _connect(scheduler, n_workers) as client:
        run = uuid.uuid4().hex[:8]                    # a fresh key: never a result of an earlier run
        futures = {}
        for index in sorted(todo, key=lambda i: -tasks[i].size):   # large files start first
            task = tasks[index]
            future = client.submit(run_task, task, str(folder), *settings,
                                   key=f"onrecord-shard-{task.key[:16]}-{run}", pure=False)
            futures[future] = index
        for future in as_completed(futures):
            index = futures.pop(future)
            task = tasks[index]
            try:
                summary = future.result()
            except OnrecordError as err:
                summary = _task_failed(task, err.reason)
            except Exception as err:                  # a worker died or raised: its files fail
                summary = _task_failed(task, f"worker could not finish ({_brief(err)})")
            else:
                if not shards.is_complete(folder, task.key):
                    raise OnrecordError(str(folder), "a worker wrote a shard this machine cannot see: "
                                        "the shard folder must be on a filesystem shared by the "
                                        "workers and this machine, under the same path")
            yield index, summary, False


def _task_failed(task: Task, reason: str):
    from .shards import ShardSummary

    return ShardSummary(task.key, failed=[(given, reason) for given, _ in task.files])


def _brief(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return f"{err.__class__.__name__}: {text[0]}" if text else err.__class__.__name__


def local_workers() -> int:
    """One worker per core, as many as memory allows."""
    import psutil

    return max(1, min(os.cpu_count() or 1, psutil.virtual_memory().total // WORKER_MEMORY))


class _connect:
    """A Client of a new LocalCluster or of the scheduler at ``scheduler``, with workers that
    run this version of onrecord; OnrecordError otherwise."""

    def __init__(self, scheduler: str, n_workers: int | None) -> None:
        self.scheduler, self.n_workers = scheduler, n_workers
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None

    def __enter__(self):
        from distributed import Client, LocalCluster

        try:
            if self.scheduler == "local":
                self.cluster = LocalCluster(
                    n_workers=self.n_workers or local_workers(), threads_per_worker=1,
                    processes=True, host="127.0.0.1", dashboard_address=None,
                    # no dashboard; its HTTP server on a free loopback port, not a fixed one
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
                self.client = Client(self.cluster)
            else:
                self.client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError, TypeError, RuntimeError) as err:
            self.__exit__(None, None, None)
            raise OnrecordError(self.scheduler, f"cannot reach the Dask scheduler ({_brief(err)})") from None
        try:
            self._check_workers()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self.client

    def _check_workers(self) -> None:
        client = cast("Client", self.client)       # __enter__ checks only once it has connected
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT)
        except TimeoutError:
            raise OnrecordError(self.scheduler, f"no Dask worker joined in {WORKER_WAIT:.0f} s "
                                "(start some with `dask worker ADDRESS`)") from None
        try:
            versions = client.run(_worker_version)
        except Exception as err:
            raise OnrecordError(self.scheduler, f"the workers cannot run onrecord ({_brief(err)}); "
                                "install it on every worker") from None
        mine = _worker_version()
        other = sorted({v for v in versions.values() if v != mine})
        if other:
            raise OnrecordError(self.scheduler, f"workers run onrecord {', '.join(other)}, this "
                                f"machine {mine}; install the same version everywhere")

    def __exit__(self, *exc: object) -> None:
        if self.cluster is not None and self.client is not None:
            try:               # its workers end with it: their analysing processes first
                self.client.run(_close_budgeted)
            except Exception:
                pass
        for part in (self.client, self.cluster):
            if part is not None:
                try:
                    part.close()
                except Exception:         # closing is best effort: the run's outcome is known
                    pass


class _Merger:
    """Merges shards into the store in task order as they finish (or only counts them when
    there is no store), and reports their failures."""

    def __init__(self, tasks: list[Task], folder: Path, store: "Store | None", report: "IngestReport",
                 reanalyse: bool, batch_size: int, on_error: Callable[[str, str], None] | None) -> None:
        self.tasks, self.folder, self.store, self.report = tasks, folder, store, report
        self.reanalyse, self.batch_size, self.on_error = reanalyse, batch_size, on_error
        self.waiting: dict[int, tuple[Any, bool]] = {}
        self.next = 0

    def add(self, index: int, summary, reused: bool) -> None:
        for n, (subject, reason) in enumerate(summary.failed):
            self.failed(subject, reason)
            if n in summary.stopped and self.store is not None:     # so no later run stops on it
                self.store.remember_stopped(summary.stopped[n], subject, reason)
        self.waiting[index] = (summary, reused)
        while self.next in self.waiting:
            summary, reused = self.waiting.pop(self.next)
            self._merge(summary, reused)
            self.next += 1

    def failed(self, subject: str, reason: str) -> None:
        self.report.failed.append((subject, reason))
        if self.on_error:
            self.on_error(subject, reason)

    def _merge(self, summary, reused: bool) -> None:
        from .shards import is_complete, read_articles

        if not is_complete(self.folder, summary.key):     # a task that failed as a whole
            return
        if self.store is None:
            if reused:
                self.report.unchanged += summary.articles
            else:
                self.report.saved += summary.articles
                self.report.statements += summary.statements
            return
        pending: list[Article] = []
        for article in read_articles(self.folder, summary.key):
            if not self.reanalyse and self.store.has(article.id):
                count_stored(self.store, article, self.report)
                continue
            pending.append(article)
            if len(pending) >= self.batch_size:
                self._save(pending)
        self._save(pending)

    def _save(self, articles: list["Article"]) -> None:
        store = cast("Store", self.store)          # _merge saves only when there is a store
        save_counted(store, articles, self.report, self.failed)


__all__ = ["ingest_dask", "plan_tasks", "run_task", "Task", "GROUP"]
