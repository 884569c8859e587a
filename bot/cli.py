"""The `coopbot` command: run the bot, try it in the sandbox, migrate the database."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from datetime import date, timedelta

from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.config import DEFAULT_DATABASE_URL, ConfigError, invitation_days, load_settings, load_webhook, url_refused
from bot.infra.logs import configure_logging, redact, secret_forms
from bot.texts import TEXTS, plural, t
from store import migrate
from store.db import Database, DatabaseUrlError, DBAPIError, SQLAlchemyError, normalise_url
from store.money import AmountError, format_amount, parse_amount

SANDBOX_DATABASE_URL = "sqlite:///coopbot-sandbox.db"


def open_database(url: str) -> Database:
    """Connect and migrate, or explain in one line what is wrong with DATABASE_URL."""
    try:
        normalise_url(url)
        database = Database(url)
        migrate.upgrade(database.engine)
    except DatabaseUrlError as exc:
        raise url_refused(exc) from None
    except DBAPIError as exc:
        raise ConfigError("database_unreachable", why=database_reason(exc)) from None
    return database


def ask_bot_api(settings) -> str:
    """The bot's username from getMe: proves the token and TELEGRAM_API_BASE_URL, in one line if not."""
    from telegram import Bot

    async def ask() -> str:
        async with Bot(settings.token, base_url=settings.bot_api_url) as bot:
            return bot.username

    library = logging.getLogger("telegram")
    level = library.level
    library.setLevel(logging.CRITICAL)  # what it would log about a failure is said below, in one line
    try:
        return asyncio.run(ask())
    except InvalidToken as exc:
        if exc.__cause__ is None:  # the Bot API's own JSON answer
            raise ConfigError("token_refused") from None
        raise ConfigError("not_a_bot_api") from None
    except NetworkError as exc:
        raise ConfigError("api_unreachable", why=str(exc)) from None
    except TelegramError:  # an HTML page, say
        raise ConfigError("not_a_bot_api") from None
    finally:
        library.setLevel(level)


def cmd_run(args: argparse.Namespace) -> int:
    """Serve Telegram (or the Bot API server at TELEGRAM_API_BASE_URL), by long polling or --webhook."""
    settings = load_settings()
    webhook = load_webhook() if args.webhook else None
    database = open_database(settings.database_url)
    try:
        ask_bot_api(settings)  # before anything logs: a wrong token or URL is one line, not a traceback
    except ConfigError:
        database.dispose()
        raise
    from bot.runner import serve

    try:
        serve(settings, database, webhook)
    finally:
        database.dispose()
    return 0


def cmd_sandbox(args: argparse.Namespace) -> int:
    """The simulator, demo data and a terminal chat: try the bot without Telegram."""
    from bot.sandbox.terminal import sandbox

    url = os.environ.get("DATABASE_URL", "").strip() or SANDBOX_DATABASE_URL
    database = open_database(url)
    try:
        asyncio.run(sandbox(database))
    except (KeyboardInterrupt, EOFError):
        pass
    finally:
        database.dispose()
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Bring the schema of DATABASE_URL to the latest version."""
    url = os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    open_database(url).dispose()
    print(t("cli.db.up_to_date"))
    return 0


# ------------------------------------------------ department and coops (the AD's directory)

_SETTING_OPTIONS = {"membership_opens": "--membership-opens", "membership_closes": "--membership-closes",
                    "report_deadline": "--report-deadline", "cotisation_cents": "--cotisation",
                    "assurance_cents": "--assurance", "adult_rate_cents": "--adult-rate",
                    "report_prepare": "--report-prepare", "reminder_days": "--reminder-days",
                    "reminder_from_hour": "--reminder-hours", "school_holidays": "--school-holidays",
                    "validation_wait_days": "--validation-wait"}  # fmt: skip
MAX_PROBLEM_LINES = 30  # beyond, the file is surely not the right one


def _quoted(value: object, limit: int = 30) -> str:
    text = " ".join(str(value).split())
    return f"'{text[: limit - 1]}…'" if len(text) > limit else f"'{text}'"


def _complain(*lines: str) -> int:
    """Say what is wrong on stderr, one short line each; the exit code of a refusal."""
    for line in lines:
        print(line, file=sys.stderr)
    return 2


def _directory_error_text(exc) -> str:
    option = _SETTING_OPTIONS.get(exc.field, f"--{exc.field}")
    key = f"cli.directory.{exc.reason}"
    return t(key if key in TEXTS else "cli.refused", reason=exc.reason, value=exc.value, quoted=_quoted(exc.value),
             option=option)  # fmt: skip


def _run_directory(fn, *args, **kwargs):
    """Open and migrate DATABASE_URL, run ``fn(session, …)`` in one transaction, close."""
    url = os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    database = open_database(url)
    try:
        return database.run(fn, *args, **kwargs)
    finally:
        database.dispose()


def database_reason(exc: SQLAlchemyError) -> str:
    """The first line of what the database driver said (no SQL, no parameters)."""
    message = str(getattr(exc, "orig", None) or exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__


def _database_failure(exc: SQLAlchemyError) -> int:
    reason = database_reason(exc)
    return _complain(t("cli.database_refused", reason=reason), t("cli.nothing_changed"))


def _day_month(month_day: str) -> str:
    """'09-01' → '1er septembre'."""
    from babel.dates import format_date

    month, day = (int(part) for part in month_day.split("-"))
    return f"{'1er' if day == 1 else day} {format_date(date(2001, month, day), 'MMMM', locale='fr_FR')}"


def _department_lines(department) -> list[str]:
    adult = t("cli.none") if department.adult_rate_cents is None else format_amount(department.adult_rate_cents)
    return t("cli.department", code=department.code, name=department.name, timezone=department.timezone,
             opens=_day_month(department.membership_opens), closes=_day_month(department.membership_closes),
             deadline=_day_month(department.report_deadline), cotisation=format_amount(department.cotisation_cents),
             assurance=format_amount(department.assurance_cents), adult=adult, chart=department.chart,
             numbering=t(f"cli.numbering.{department.piece_numbering}")).split("\n") + t(
        "cli.department.reminders", days=department.reminder_days, first=department.reminder_from_hour,
        until=department.reminder_until_hour, prepare=_day_month(department.report_prepare),
        holidays=department.school_holidays or t("cli.none.f"), wait=department.validation_wait_days).split("\n")  # fmt: skip


def _parse_cents(text: str, *, none_allowed: bool = False) -> int | None:
    """'2,05' → 205; '0' → 0; 'aucun' → None where allowed. AmountError carries the reason."""
    if none_allowed and text.strip().casefold() in ("aucun", "aucune", "none", "-"):
        return None
    try:
        return parse_amount(text)
    except AmountError as exc:
        if exc.reason == "zero":
            return 0
        raise


def cmd_department_add(args: argparse.Namespace) -> int:
    """Create a department (an AD): its code, its name, its time zone."""
    from store.departments import DirectoryError, add_department

    try:
        department = _run_directory(add_department, args.code, args.name, args.timezone)
    except DirectoryError as exc:
        return _complain(f"coopbot: {_directory_error_text(exc)}")
    except SQLAlchemyError as exc:
        return _database_failure(exc)
    print(t("cli.department.added", code=department.code, name=department.name, timezone=department.timezone))
    return 0


def cmd_department_set(args: argparse.Namespace) -> int:
    """Change a department's settings (without options: show them)."""
    from store.departments import DirectoryError, set_department

    changes = {field: getattr(args, field) for field in ("name", "timezone", "membership_opens",
               "membership_closes", "report_deadline", "chart", "piece_numbering", "report_prepare",
               "reminder_days", "school_holidays", "validation_wait_days")
               if getattr(args, field) is not None}  # fmt: skip
    if args.reminder_hours is not None:
        first, _, last = args.reminder_hours.partition("-")
        changes.update(reminder_from_hour=first.strip(), reminder_until_hour=last.strip())
    for field, none_allowed in (("cotisation_cents", False), ("assurance_cents", False),
                                ("adult_rate_cents", True)):  # fmt: skip
        text = getattr(args, field)
        if text is None:
            continue
        option = _SETTING_OPTIONS[field]
        try:
            changes[field] = _parse_cents(text, none_allowed=none_allowed)
        except AmountError as exc:
            why = exc.reason if exc.reason in ("decimals", "too_large") else "none" if none_allowed else "invalid"
            return _complain(t(f"cli.amount.{why}", option=option, quoted=_quoted(text)))
    try:
        department = _run_directory(set_department, args.code, **changes)
    except DirectoryError as exc:
        return _complain(f"coopbot: {_directory_error_text(exc)}")
    except SQLAlchemyError as exc:
        return _database_failure(exc)
    print(t("cli.department.updated" if changes else "cli.department.shown", code=department.code))
    for line in _department_lines(department):
        print(line)
    return 0


def cmd_coops_import(args: argparse.Namespace) -> int:
    """Create or update coops from a CSV file (affiliation;école;commune;mandataire;e-mail)."""
    from store.coops_import import CoopImportError, import_coops

    try:
        if args.file == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(args.file, "rb") as handle:
                data = handle.read()
    except OSError as exc:
        why = {FileNotFoundError: "missing", IsADirectoryError: "directory", PermissionError: "refused"}.get(type(exc))
        why = t(f"cli.read.{why}") if why else exc.strerror or type(exc).__name__
        return _complain(t("cli.read", file=args.file, why=why))
    try:
        result = _run_directory(import_coops, data)
    except CoopImportError as exc:
        lines = []
        for problem in exc.problems[:MAX_PROBLEM_LINES]:
            key = f"cli.import.{problem.reason}"
            text = t(key) if key in TEXTS else problem.reason
            detail = problem.detail
            if problem.reason in ("missing_column", "duplicate_column") and f"cli.column.{detail}" in TEXTS:
                detail = t(f"cli.column.{detail}")
            lines.append(t("cli.import.line", line=problem.line, text=text) + (f" : {_quoted(detail)}" if detail else ""))
        if len(exc.problems) > MAX_PROBLEM_LINES:
            lines.append(t("cli.import.more", others=plural(len(exc.problems) - MAX_PROBLEM_LINES, "cli.word.other_problem")))
        return _complain(*lines, t("cli.import.nothing"))
    except SQLAlchemyError as exc:
        return _database_failure(exc)
    for line, affiliation in result.mandataires_kept:
        print(t("cli.import.mandataire_kept", line=line, affiliation=affiliation))
    print(t("cli.import.done", created=plural(result.created, "cli.word.created"),
            updated=plural(result.updated, "cli.word.updated"), unchanged=plural(result.unchanged, "cli.word.unchanged")))
    return 0


def _add_department_parser(commands) -> None:
    department = commands.add_parser("department", help=t("cli.help.department"))
    actions = department.add_subparsers(dest="department_command", required=True)
    add = actions.add_parser("add", help=t("cli.help.department_add"))
    add.add_argument("code", help=t("cli.help.code"))
    add.add_argument("name", help=t("cli.help.name"))
    add.add_argument("--timezone", default="Europe/Paris", help=t("cli.help.timezone_default"))
    add.set_defaults(func=cmd_department_add)
    set_ = actions.add_parser("set", help=t("cli.help.department_set"))
    set_.add_argument("code")
    set_.add_argument("--name")
    set_.add_argument("--timezone", help=t("cli.help.timezone"))
    set_.add_argument("--membership-opens", metavar="MM-DD", help=t("cli.help.membership_opens"))
    set_.add_argument("--membership-closes", metavar="MM-DD", help=t("cli.help.membership_closes"))
    set_.add_argument("--report-deadline", metavar="MM-DD", help=t("cli.help.report_deadline"))
    set_.add_argument("--cotisation", dest="cotisation_cents", metavar="EUROS", help=t("cli.help.cotisation"))
    set_.add_argument("--assurance", dest="assurance_cents", metavar="EUROS", help=t("cli.help.assurance"))
    set_.add_argument("--adult-rate", dest="adult_rate_cents", metavar="EUROS|aucun",
                      help=t("cli.help.adult_rate"))
    set_.add_argument("--chart", help=t("cli.help.chart"))
    set_.add_argument("--numbering", dest="piece_numbering", choices=("single", "dr"),
                      help=t("cli.help.numbering"))
    set_.add_argument("--report-prepare", metavar="MM-DD", help=t("cli.help.report_prepare"))
    set_.add_argument("--reminder-days", metavar="J,J…", help=t("cli.help.reminder_days"))
    set_.add_argument("--reminder-hours", metavar="H-H", help=t("cli.help.reminder_hours"))
    set_.add_argument("--school-holidays", metavar="AAAA-MM-JJ:AAAA-MM-JJ,…",
                      help=t("cli.help.school_holidays"))
    set_.add_argument("--validation-wait", dest="validation_wait_days", metavar="JOURS",
                      help=t("cli.help.validation_wait"))
    set_.set_defaults(func=cmd_department_set)


def _add_coops_parser(commands) -> None:
    coops = commands.add_parser("coops", help=t("cli.help.coops"))
    actions = coops.add_subparsers(dest="coops_command", required=True)
    import_ = actions.add_parser("import", help=t("cli.help.coops_import"))
    import_.add_argument("file", help=t("cli.help.csv_file"))
    import_.set_defaults(func=cmd_coops_import)


# ------------------------------------------------ invitations from the command line

def bot_username() -> str:
    """TELEGRAM_BOT_USERNAME, or else the username the configured Bot API gives for the token."""
    username = os.environ.get("TELEGRAM_BOT_USERNAME", "").strip().lstrip("@")
    return username or ask_bot_api(load_settings())


def cmd_invite(args: argparse.Namespace) -> int:
    """Print a single-use invitation link: AD staff of a department, or the mandataire of a coop."""
    from store import invitations, people
    from store.models import RoleKind

    ttl = timedelta(days=invitation_days())

    def make(session):
        if args.role == "ad":
            return invitations.invite(session, None, RoleKind.AD, department_code=args.target, ttl=ttl)
        coop = people.coop_by_affiliation(session, args.target)
        return invitations.invite(session, None, RoleKind.MANDATAIRE, coop_id=coop.id if coop else None, ttl=ttl)

    username = bot_username()
    try:
        new = _run_directory(make)
    except invitations.InvitationError as refused:
        return _complain(t(f"cli.invite.{refused.reason}", target=args.target))
    print(f"https://t.me/{username}?start={new.code}")
    print(t("cli.invite.link", day=f"{new.expires_at:%d/%m/%Y}"))
    return 0


def _add_invite_parser(commands) -> None:
    invite = commands.add_parser("invite", help=t("cli.help.invite"))
    invite.add_argument("role", choices=("ad", "mandataire"))
    invite.add_argument("target", help=t("cli.help.invite_target"))
    invite.set_defaults(func=cmd_invite)


# ------------------------------------------------ backup, restore, forgetting a person

def _maintenance_refusal(exc, file: str = "") -> int:
    key = f"cli.maintenance.{exc.reason}"
    detail = plural(exc.detail, "cli.word.row") if exc.reason == "not_empty" else exc.detail
    return _complain(t(key if key in TEXTS else "cli.maintenance.other", reason=exc.reason, detail=detail, file=file))


def _checked_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    try:
        normalise_url(url)
    except DatabaseUrlError as exc:
        raise url_refused(exc) from None
    return url


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return t("cli.size.kb", size=f"{size / 1024:.0f}")
    return t("cli.size.mb", size=f"{size / 1024 / 1024:.1f}".replace(".", ","))


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy the SQLite database to FILE while the bot runs (PostgreSQL: says how with pg_dump)."""
    from store.maintenance import MaintenanceError, backup_sqlite, pg_dump_command

    url = _checked_database_url()
    if normalise_url(url).get_backend_name() == "postgresql":
        return _complain(t("cli.backup.postgresql", command=pg_dump_command(url, args.file)))
    try:
        done = backup_sqlite(url, args.file, force=args.force)
    except MaintenanceError as exc:
        return _maintenance_refusal(exc, args.file)
    except OSError as exc:
        return _complain(t("cli.write", file=args.file, why=exc.strerror or type(exc).__name__))
    print(t("cli.backup.done", path=done.path, size=_size(done.size), revision=done.revision or t("cli.unknown")))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup made by `coopbot backup` in place of an empty SQLite database, then migrate it."""
    from store.maintenance import MaintenanceError, pg_restore_command, require_stopped, restore_sqlite

    url = _checked_database_url()
    if normalise_url(url).get_backend_name() == "postgresql":
        try:
            require_stopped(url)
        except MaintenanceError as exc:
            return _maintenance_refusal(exc, args.file)
        except SQLAlchemyError:
            pass  # not reachable from here, so not checked: the commands still say how (pg_restore checks)
        return _complain(t("cli.restore.postgresql", command=pg_restore_command(url, args.file)))
    try:
        done = restore_sqlite(url, args.file, force=args.force)
    except MaintenanceError as exc:
        return _maintenance_refusal(exc, args.file)
    except OSError as exc:
        return _complain(t("cli.restore.write", why=exc.strerror or type(exc).__name__))
    except SQLAlchemyError as exc:
        return _complain(t("cli.restore.migration", reason=database_reason(exc)))
    if done.saved is not None:
        print(t("cli.restore.saved", path=done.saved))
    schema = (t("cli.schema.changed", old=done.backup_revision, new=done.revision)
              if done.backup_revision != done.revision else t("cli.schema", revision=done.revision))  # fmt: skip
    print(t("cli.restore.done", file=args.file, persons=plural(done.persons, "cli.word.person"),
            coops=plural(done.coops, "cli.word.coop"), schema=schema))
    return 0


def cmd_person_forget(args: argparse.Namespace) -> int:
    """Pseudonymise a person (RGPD): name, e-mail, Telegram link and messages go; the books stay."""
    from store.maintenance import MaintenanceError, forget_person

    text = args.telegram_id.strip()
    if not text.isdigit() or len(text) > 20:
        return _complain(t("cli.forget.invalid", quoted=_quoted(text)))
    try:
        done = _run_directory(forget_person, int(text))
    except MaintenanceError as exc:
        return _maintenance_refusal(exc)
    except SQLAlchemyError as exc:
        return _database_failure(exc)
    parts = [plural(done.roles_ended, "cli.word.role_ended"), plural(done.messages_erased, "cli.word.message_erased")]
    if done.teachers_pseudonymised:
        parts.append(plural(done.teachers_pseudonymised, "cli.word.row_pseudonymised"))
    if done.invitations_revoked:
        parts.append(plural(done.invitations_revoked, "cli.word.invitation_revoked"))
    print(t("cli.forget.done", person=done.person_id, parts=", ".join(parts)))
    return 0


def _add_maintenance_parser(commands) -> None:
    backup = commands.add_parser("backup", help=t("cli.help.backup"))
    backup.add_argument("file", help=t("cli.help.backup_file"))
    backup.add_argument("--force", action="store_true", help=t("cli.help.backup_force"))
    backup.set_defaults(func=cmd_backup)
    restore = commands.add_parser("restore", help=t("cli.help.restore"))
    restore.add_argument("file", help=t("cli.help.restore_file"))
    restore.add_argument("--force", action="store_true",
                         help=t("cli.help.restore_force"))
    restore.set_defaults(func=cmd_restore)
    person = commands.add_parser("person", help=t("cli.help.person"))
    actions = person.add_subparsers(dest="person_command", required=True)
    forget = actions.add_parser("forget", help=t("cli.help.forget"))
    forget.add_argument("telegram_id", help=t("cli.help.telegram_id"))
    forget.set_defaults(func=cmd_person_forget)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="coopbot", description=t("cli.help.coopbot"))
    commands = root.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help=t("cli.help.run"))
    run.add_argument("--webhook", action="store_true",
                     help=t("cli.help.webhook"))
    run.set_defaults(func=cmd_run)
    commands.add_parser("sandbox", help=t("cli.help.sandbox")).set_defaults(func=cmd_sandbox)
    db = commands.add_parser("db", help=t("cli.help.db")).add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help=t("cli.help.db_upgrade")).set_defaults(func=cmd_db_upgrade)
    _add_department_parser(commands)
    _add_coops_parser(commands)
    _add_invite_parser(commands)
    _add_maintenance_parser(commands)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    # Before anything can log or fail: python-telegram-bot's lines and tracebacks too go without the token.
    configure_logging(token, logging.INFO if args.command == "run" else logging.WARNING)
    try:
        return args.func(args)
    except ConfigError as exc:
        return _complain(redact(t(f"cli.config.{exc.reason}", **exc.details), secret_forms(token)))
