"""`make bench`: CoopBot against a bare python-telegram-bot bot, in one run, as ratios.

Every bot runs in its own process and polls the project's Bot API simulator over HTTP,
as in production. Simulated users send one-line `/depense` (the busiest action) in a burst
and in a closed loop; the figures that matter are ratios or growths taken in the same run,
so that a loaded machine does not change the conclusion. Prints a table and writes
`bench/results.json` (see README, "Capacity").

    python -m bench.run                 # the national database (built once, kept in bench/data/)
    python -m bench.run --scale 0.01    # 500 coops, 100 000 entries
    python -m bench.run --smoke         # tiny data, every code path, seconds (run by make test)
    python -m bench.run --only fanout   # the 10 000 reminders alone
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict, deque
from contextlib import asynccontextmanager
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import event, func, text
from sqlmodel import select

from bench.generate import BIG_COOPS, Sizes, generate, seed_fanout
from bot.sandbox.simulator import LIMIT_PER_SECOND, BotApiSimulator, SimMessage
from store import migrate
from store.db import Database, make_engine, normalise_url
from store.models import OutboxMessage, OutboxState, Person
from store.years import today_in

HERE = Path(__file__).parent
TOKEN = "123456789:BENCHTOKEN-abcdefghijklmnopqrstu"
COOPBOT = Path(sys.executable).parent / "coopbot"
POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
FANOUT_PEOPLE = 10_000  # reminders due at once (150 in a smoke run)
FANOUT_FIRST_ID = 8_000_000
LINE = "/depense 2,50 Craies; {ledger}; fournitures; carte; aujourd'hui"
GOALS = {  # key → (comparison, goal), from the issue
    "throughput_ratio_sqlite": (">=", 0.6), "throughput_ratio_postgres": (">=", 0.6),
    "latency_p95_ratio_sqlite": ("<=", 2), "latency_p95_ratio_postgres": ("<=", 2),
    "head_of_line_ms": ("<=", 50), "transactions_per_depense": ("<=", 2), "statements_per_depense": ("<=", 12),
    "solde_growth": ("<=", 1.5), "journal_growth": ("<=", 1.5), "crf_growth": ("<=", 12),
    "fanout_rate_ratio": (">=", 0.9), "fanout_lost": ("<=", 0), "fanout_doubled": ("<=", 0),
    "peak_rss_mb": ("<=", 250),
}  # fmt: skip


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18] if len(samples) >= 2 else samples[0]


class Stopwatch:
    """The time from a user's message to the bot's first answer in that chat."""

    def __init__(self, sim: BotApiSimulator):
        self.sim = sim
        self.waiting: dict[int, deque[tuple[float, asyncio.Future]]] = defaultdict(deque)
        sim.on_bot_message = self._answered

    def _answered(self, message: SimMessage) -> None:
        queue = self.waiting.get(message.chat_id)
        if queue:
            started, future = queue.popleft()
            if not future.done():
                future.set_result(time.perf_counter() - started)

    def send(self, user_id: int, line: str) -> asyncio.Future:
        """Type ``line`` as ``user_id``; the future gives the seconds until the answer."""
        future = asyncio.get_running_loop().create_future()
        self.waiting[user_id].append((time.perf_counter(), future))
        self.sim.user(user_id, "Bench").send_nowait(line)
        return future


@asynccontextmanager
async def bot_process(kind: str, sim: BotApiSimulator, log: Path, database_url: str | None = None):
    """CoopBot (``coopbot run``) or the bare bot, polling ``sim``, in its own process; yields its pid."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_URL", "COOPBOT_"))}
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=sim.url)
    if kind == "bare":
        command = [sys.executable, str(HERE / "bare.py"), sim.url]
    else:
        command = [str(COOPBOT), "run"]
        env["DATABASE_URL"] = database_url
    with log.open("ab") as out:
        process = await asyncio.create_subprocess_exec(*command, env=env, stdin=subprocess.DEVNULL,
                                                       stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not any(method == "getUpdates" for method, _ in sim.calls):
            if process.returncode is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{kind} bot did not start; see {log}")
            await asyncio.sleep(0.05)
        yield process.pid
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()


async def burst(watch: Stopwatch, users: list[dict], per_user: int) -> float:
    """Every user sends ``per_user`` one-line /depense at once: answered updates per second."""
    started = time.perf_counter()
    futures = [watch.send(u["teacher"], LINE.format(ledger=u["ledger"])) for _ in range(per_user) for u in users]
    await asyncio.wait_for(asyncio.gather(*futures), 600)
    return len(futures) / (time.perf_counter() - started)


async def closed_loop(watch: Stopwatch, users: list[dict], rounds: int, line: str | None = None,
                      who: str = "teacher") -> list[float]:  # fmt: skip
    """Each user sends, waits for the answer, sends again: the answer times."""

    async def one(user: dict) -> list[float]:
        return [await asyncio.wait_for(watch.send(user[who], line or LINE.format(ledger=user["ledger"])), 120)
                for _ in range(rounds)]  # fmt: skip

    return [s for times in await asyncio.gather(*(one(u) for u in users)) for s in times]


async def load(kind: str, database_url: str | None, users: list[dict], folder: Path, *, per_user: int,
               rounds: int) -> dict:  # fmt: skip
    """Burst throughput and closed-loop latencies of one bot."""
    sim = BotApiSimulator()
    await sim.start()
    watch = Stopwatch(sim)
    try:
        async with bot_process(kind, sim, folder / f"{kind}.log", database_url):
            await closed_loop(watch, users, 1, "/start")  # warm up: every chat known, every connection open
            rate = await burst(watch, users, per_user)
            times = await closed_loop(watch, users, rounds)
    finally:
        await sim.stop()
    return {"rate": rate, "p50": statistics.median(times), "p95": p95(times)}


async def head_of_line(database_url: str, users: list[dict], folder: Path, rounds: int, others: int = 20) -> float:
    """Extra p95 (ms) of the others' /solde while one user's receipt takes 4 s to download."""
    sim = BotApiSimulator()
    await sim.start()
    watch = Stopwatch(sim)
    slow, others = users[0], users[1:others + 1]
    try:
        async with bot_process("coopbot", sim, folder / "head_of_line.log", database_url):
            await closed_loop(watch, others + [slow], 1, "/start")
            quiet = await closed_loop(watch, others, rounds, "/solde")
            await watch.send(slow["teacher"], LINE.format(ledger=slow["ledger"]))
            file_id = sim.store_file(b"%PDF-1.4\n" + b"0" * 50_000, "facture.pdf", delay=4.0)
            sim.user(slow["teacher"], "Bench").send_document_nowait(file_id, "facture.pdf")
            await asyncio.sleep(0.2)  # the download has started
            busy = await closed_loop(watch, others, rounds, "/solde")
    finally:
        await sim.stop()
    return max(0.0, (p95(busy) - p95(quiet)) * 1000)


async def growth(small_url: str, big_url: str, small: Sizes, big: Sizes, folder: Path, rounds: int,
                 people: int = 10) -> dict:
    """p95 of /solde (a mandataire: the whole coop) and /journal with the national database ÷ a small one,
    and the bot's peak memory with the national database."""
    found = {}
    for name, url, sizes in (("small", small_url, small), ("big", big_url, big)):
        sim = BotApiSimulator()
        await sim.start()
        watch = Stopwatch(sim)
        try:
            async with bot_process("coopbot", sim, folder / f"growth_{name}.log", url) as pid:
                users = sizes.users[:people]
                await closed_loop(watch, users, 1, "/start", who="mandataire")
                found[name] = {
                    "solde": p95(await closed_loop(watch, users, rounds, "/solde", who="mandataire")),
                    "journal": p95(await closed_loop(watch, users, rounds, "/journal")),
                    "rss_mb": peak_rss_mb(pid),
                }
        finally:
            await sim.stop()
    return {"solde_growth": found["big"]["solde"] / found["small"]["solde"],
            "journal_growth": found["big"]["journal"] / found["small"]["journal"],
            "peak_rss_mb": found["big"]["rss_mb"]}  # fmt: skip


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def per_depense(database_url: str, user: dict, folder: Path) -> dict:
    """Transactions and SQL statements one one-line /depense costs, everything included (in-process)."""
    from bot.sandbox.harness import running_bot
    from store.db import Database

    database = Database(database_url)
    counts = {"transactions": 0, "statements": 0}
    last = [time.monotonic()]

    def on_begin(_connection) -> None:
        counts["transactions"] += 1
        last[0] = time.monotonic()

    def on_statement(*_args) -> None:
        counts["statements"] += 1
        last[0] = time.monotonic()

    sim = BotApiSimulator()
    await sim.start()
    try:
        async with running_bot(sim, database, receipts_dir=str(folder / "receipts")):
            teacher = sim.user(user["teacher"], "Bench")
            await teacher.send("/start")
            await teacher.send(LINE.format(ledger=user["ledger"]))  # the first one warms the caches
            await asyncio.sleep(0.5)
            event.listen(database.engine, "begin", on_begin)
            event.listen(database.engine, "before_cursor_execute", on_statement)
            await teacher.send(LINE.format(ledger=user["ledger"]))
            while time.monotonic() - last[0] < 0.5:  # the chat's state is written after the answer
                await asyncio.sleep(0.05)
    finally:
        await sim.stop()
        database.dispose()
    counts["statements"] -= counts["transactions"]  # SQLite's BEGIN IMMEDIATE is a statement of its own
    return {"transactions_per_depense": counts["transactions"], "statements_per_depense": counts["statements"]}


def crf_timings(database_url: str, repeat: int = 5) -> dict:
    """A coop's year report (CRF) computed with 500 and 5 000 entries, inside the big database."""
    try:
        from store.crf import year_report
    except ImportError:  # the report is not built yet
        return {}
    from sqlmodel import Session, select

    from store.models import Coop, Person, Role, RoleKind
    from store.people import who_is
    from store.years import fiscal_year_of

    engine = make_engine(database_url)
    found = {}
    with Session(engine) as session:
        for affiliation, entries in BIG_COOPS.items():
            coop = session.exec(select(Coop).where(Coop.affiliation == affiliation)).one()
            telegram_id = session.exec(select(Person.telegram_id).join(Role, Role.person_id == Person.id).where(
                Role.coop_id == coop.id, Role.kind == RoleKind.MANDATAIRE)).one()  # fmt: skip
            who = who_is(session, telegram_id)
            year = fiscal_year_of(today_in("Europe/Paris"))
            year_report(session, who, coop.id, year)  # warm: the chart and the report's lines read once
            started = time.perf_counter()
            for _ in range(repeat):
                year_report(session, who, coop.id, year)
            found[f"crf_ms_{entries}"] = (time.perf_counter() - started) / repeat * 1000
    engine.dispose()
    found["crf_growth"] = found["crf_ms_5000"] / found["crf_ms_500"]
    return found


async def fanout(folder: Path, count: int) -> dict:
    """``count`` people due a reminder, CoopBot in its own process, the simulator enforcing Telegram's limits
    (30 messages a second, one a second per chat): the delivery rate ÷ 30, the people lost and the doubled."""
    url = f"sqlite:///{folder / 'fanout.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    database = Database(url)
    database.run(seed_fanout, count, FANOUT_FIRST_ID)
    sim = BotApiSimulator(enforce_limits=True)
    await sim.start()
    for n in range(count):
        sim.user(FANOUT_FIRST_ID + n, f"M{n}")
    delivered: list[tuple[float, int]] = []  # (when, chat) of each message a person received
    sim.on_bot_message = lambda message: delivered.append((time.perf_counter(), message.chat_id))

    def waiting(session) -> int:
        return session.exec(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.state.in_((OutboxState.PENDING, OutboxState.SENDING)))).one()  # fmt: skip

    try:
        async with bot_process("coopbot", sim, folder / "fanout.log", url):
            deadline = time.monotonic() + 120 + count / 5  # five a second at the very least
            while await asyncio.to_thread(database.run, waiting):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the fan-out did not end; see {folder / 'fanout.log'}")
                await asyncio.sleep(0.5)
    finally:
        await sim.stop()
    rows = database.run(lambda s: s.exec(select(Person.telegram_id, OutboxMessage.state).join(
        Person, Person.id == OutboxMessage.person_id)).all())  # fmt: skip
    database.dispose()
    received = Counter(chat for _, chat in delivered)
    times = sorted(moment for moment, _ in delivered)
    span = times[-1] - times[0] if len(times) > 1 else float("nan")
    overall, one_chat = sim.busiest_second()
    return {"fanout_people": count, "fanout_delivered": len(delivered), "fanout_seconds": span,
            "fanout_rate_ratio": (len(times) - 1) / span / LIMIT_PER_SECOND,
            "fanout_lost": sum(1 for chat, state in rows if not received[chat]
                               and state not in (OutboxState.BLOCKED, OutboxState.UNKNOWN)),
            "fanout_doubled": sum(1 for n in received.values() if n > 1),
            "fanout_429": sim.limited, "fanout_states": dict(Counter(str(state) for _, state in rows)),
            "fanout_busiest_second": overall, "fanout_busiest_chat_second": one_chat}  # fmt: skip


def database(data: Path, kind: str, name: str, scale: float, today: date, fresh: bool) -> tuple[str, Sizes]:
    """The URL of a generated database, built once and kept (SQLite file, or PostgreSQL schema)."""
    data.mkdir(exist_ok=True, parents=True)
    meta = data / f"{kind}-{name}.json"
    if kind == "sqlite":
        path = data / f"{name}.db"
        url = f"sqlite:///{path}"
        if fresh or not meta.exists() or not path.exists():
            for old in data.glob(f"{name}.db*"):
                old.unlink()
            meta.write_text(json.dumps(generate(url, scale=scale, today=today).__dict__))
    else:
        schema = f"bench_{name}"
        admin = make_engine(POSTGRES)
        url = str(normalise_url(POSTGRES).update_query_dict({"options": f"-csearch_path={schema}"})
                  .render_as_string(hide_password=False))  # fmt: skip
        if fresh or not meta.exists():
            with admin.begin() as connection:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
                connection.execute(text(f"CREATE SCHEMA {schema}"))
            meta.write_text(json.dumps(generate(url, scale=scale, today=today).__dict__))
        admin.dispose()
    return url, Sizes(**json.loads(meta.read_text()))


def copy_sqlite(url: str, folder: Path, name: str) -> str:
    """A throw-away copy: the load writes entries, the kept database stays as generated."""
    source = Path(url.removeprefix("sqlite:///"))
    target = folder / name
    shutil.copy(source, target)
    return f"sqlite:///{target}"


async def bench(data: Path, scale: float, smoke: bool, fresh: bool, postgres: bool, only: str | None = None) -> dict:
    today = today_in("Europe/Paris")
    per_user, rounds = (2, 2) if smoke else (20, 10)
    results: dict = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                     "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                 "platform": platform.platform()},
                     "scale": scale}  # fmt: skip
    folder = data / "run"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if only == "fanout":
        results.update(await fanout(folder, 150 if smoke else FANOUT_PEOPLE))
        return results
    built = time.perf_counter()
    # The small database: the 50 bench users' coops (and the two report coops), against which growth is taken.
    small_url, small = database(data, "sqlite", "smoke" if smoke else "small", 0, today, fresh)
    big_url, big = database(data, "sqlite", "smoke-big" if smoke else f"national-{scale:g}", 0.002 if smoke else scale,
                            today, fresh)  # fmt: skip
    results["sizes"] = {"small": {k: v for k, v in small.__dict__.items() if k != "users"},
                        "big": {k: v for k, v in big.__dict__.items() if k != "users"}}  # fmt: skip
    results["build_seconds"] = round(time.perf_counter() - built, 1)
    users = small.users[: (5 if smoke else 50)]
    bare = await load("bare", None, users, folder, per_user=per_user, rounds=rounds)
    results["bare"] = bare
    ours = await load("coopbot", copy_sqlite(small_url, folder, "load.db"), users, folder,
                      per_user=per_user, rounds=rounds)  # fmt: skip
    results["coopbot_sqlite"] = ours
    results["throughput_ratio_sqlite"] = ours["rate"] / bare["rate"]
    results["latency_p95_ratio_sqlite"] = ours["p95"] / bare["p95"]
    if postgres:
        pg_url, _ = database(data, "postgres", "smoke" if smoke else "small", 0, today, True)
        ours_pg = await load("coopbot", pg_url, users, folder, per_user=per_user, rounds=rounds)
        results["coopbot_postgres"] = ours_pg
        results["throughput_ratio_postgres"] = ours_pg["rate"] / bare["rate"]
        results["latency_p95_ratio_postgres"] = ours_pg["p95"] / bare["p95"]
    results["head_of_line_ms"] = await head_of_line(copy_sqlite(small_url, folder, "hol.db"), small.users, folder,
                                                    rounds, others=4 if smoke else 20)  # fmt: skip
    results.update(await per_depense(copy_sqlite(small_url, folder, "count.db"), users[0], folder))
    results.update(await growth(copy_sqlite(small_url, folder, "g_small.db"), big_url, small, big, folder,
                                rounds, people=3 if smoke else 10))  # fmt: skip
    results.update(crf_timings(big_url, repeat=1 if smoke else 5))
    results.update(await fanout(folder, 150 if smoke else FANOUT_PEOPLE))
    return results


def table(results: dict) -> str:
    lines = [f"{'figure':32} {'measured':>12} {'goal':>10}  ", "-" * 60]
    for key, (comparison, goal) in GOALS.items():
        if key not in results:
            lines.append(f"{key:32} {'not measured':>12} {comparison + ' ' + str(goal):>10}")
            continue
        value = results[key]
        met = value >= goal if comparison == ">=" else value <= goal
        lines.append(f"{key:32} {value:12.2f} {comparison + ' ' + str(goal):>10}  {'ok' if met else 'MISSED'}")
    lines.append("")
    for name in ("bare", "coopbot_sqlite", "coopbot_postgres"):
        if name in results:
            r = results[name]
            lines.append(f"{name:16} {r['rate']:7.1f} /depense per s   p50 {r['p50'] * 1000:7.1f} ms   "
                         f"p95 {r['p95'] * 1000:7.1f} ms")  # fmt: skip
    if "fanout_people" in results:
        lines.append(f"fan-out: {results['fanout_delivered']} of {results['fanout_people']} reminders delivered in "
                     f"{results['fanout_seconds']:.1f} s ({results['fanout_rate_ratio'] * LIMIT_PER_SECOND:.1f} /s), "
                     f"{results['fanout_429']} answered 429, busiest second {results['fanout_busiest_second']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: 50 000 coops, 10 million entries")
    parser.add_argument("--smoke", action="store_true", help="tiny data, every code path")
    parser.add_argument("--fresh", action="store_true", help="build the databases again")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--only", choices=["fanout"], help="one measurement alone (no database to build)")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--data", type=Path, default=HERE / "data", help="where the databases are kept")
    args = parser.parse_args()
    results = asyncio.run(bench(args.data, args.scale, args.smoke, args.fresh, not args.no_postgres,
                                args.only))
    print(table(results))
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
