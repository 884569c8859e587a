"""Questions to the departmental OCCE and their answers (Retkoop's forum, over Telegram)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from store.errors import StoreError
from store.access import Action, require
from store.models import ContactCopy, ContactMessage, Person
from store.people import Who, staff_of
from store.text import plain, says_something

MAX_CONTACT_TEXT = 2000


class ContactError(StoreError):
    """empty, too_long, no_letter (emoji or punctuation only), no_role"""


@dataclass(frozen=True)
class ContactSent:
    contact_id: int
    department_code: str
    sender_name: str
    sender_role: str
    affiliation: str | None
    school_name: str | None
    staff: list[tuple[int, str]]  # telegram id and language of each AD staff member


@dataclass(frozen=True)
class ReplyTarget:
    telegram_id: int
    language: str
    department_code: str
    staff_name: str


def write_to_ad(session: Session, who: Who, text: str) -> ContactSent:
    """Keep the message and say which AD staff should receive it."""
    text = plain(text).strip()
    if not text:
        raise ContactError("empty")
    if len(text) > MAX_CONTACT_TEXT:
        raise ContactError("too_long")
    if not says_something(text):
        raise ContactError("no_letter")
    role = next((r for r in who.roles if r.coop_id is not None), None)
    if role is None:
        raise ContactError("no_role")
    contact = ContactMessage(person_id=who.person.id, coop_id=role.coop_id,
                             department_code=role.department_code, text=text)  # fmt: skip
    session.add(contact)
    session.flush()
    staff = staff_of(session, role.department_code)
    return ContactSent(contact.id, role.department_code, who.person.name, role.kind.value,
                       role.affiliation, role.school_name, [(p.telegram_id, p.language) for p in staff])  # fmt: skip


def record_copies(session: Session, contact_id: int, copies: list[tuple[int, int]]) -> None:
    """Remember where the copies went (chat, message), so that a reply to one can be routed back."""
    session.add_all(ContactCopy(contact_id=contact_id, chat_id=chat_id, message_id=message_id)
                    for chat_id, message_id in copies)  # fmt: skip


def reply_target(session: Session, who: Who, chat_id: int, message_id: int) -> ReplyTarget | None:
    """Who wrote the message this AD staff member replies to (None if it is not a contact copy)."""
    copy = session.exec(
        select(ContactCopy).where(ContactCopy.chat_id == chat_id, ContactCopy.message_id == message_id)
    ).first()
    if copy is None:
        return None
    contact = session.get(ContactMessage, copy.contact_id)
    require(who, Action.STAFF, coop_id=contact.coop_id, department_code=contact.department_code)
    author = session.get(Person, contact.person_id)
    if author.telegram_id is None:
        return None
    return ReplyTarget(author.telegram_id, author.language, contact.department_code, who.person.name)
