"""What the membership, ledger, invitation and mandate events of a coop's trail say in /historique."""

from __future__ import annotations

from html import escape

from bot import texts
from bot.ui.common import excerpt, years_text
from bot.texts import t
from store.audit import CoopEvent

texts.register({
    "hist.adhesionrow.create": {"fr": "classe {class_name} ajoutée ({total} membres)",
                                "en": "class {class_name} added ({total} members)"},
    "hist.adhesionrow.edit": {"fr": "classe {class_name} : {changes}", "en": "class {class_name}: {changes}"},
    "hist.adhesionrow.delete": {"fr": "classe {class_name} retirée", "en": "class {class_name} removed"},
    "hist.adhesion.submit": {"fr": "adhésion {years} transmise", "en": "membership {years} sent"},
    "hist.adhesion.withdraw": {"fr": "adhésion {years} en brouillon", "en": "membership {years} a draft again"},
    "hist.adhesion.validate": {"fr": "adhésion {years} validée", "en": "membership {years} validated"},
    "hist.adhesion.reopen": {"fr": "adhésion {years} rouverte :\n« {reason} »", "en": "membership {years} reopened:\n\"{reason}\""},
    "hist.ledger.create": {"fr": "cahier {name} créé ({class_name})", "en": "ledger {name} created ({class_name})"},
    "hist.ledger.attach": {"fr": "cahier {name} repris ({class_name})", "en": "ledger {name} taken again ({class_name})"},
    "hist.invitation.create": {"fr": "lien d'invitation : {role}", "en": "invitation link: {role}"},
    "hist.invitation.use": {"fr": "invitation acceptée : {role}", "en": "invitation accepted: {role}"},
    "hist.invitation.revoke": {"fr": "lien d'invitation annulé : {role}", "en": "invitation link withdrawn: {role}"},
    "hist.mandate.confirm": {"fr": "mandat confié à {successor}", "en": "mandate handed to {successor}"},
    "hist.role.ad": {"fr": "OCCE", "en": "OCCE"},
    "hist.role.mandataire": {"fr": "mandataire", "en": "mandataire"},
    "hist.role.signataire": {"fr": "signataire", "en": "co-signatory"},
    "hist.role.enseignant": {"fr": "enseignant·e {ledger}", "en": "teacher {ledger}"},
    "hist.role.verificateur": {"fr": "vérificateur", "en": "auditor"},
    "hist.row.class_name": {"fr": "nom", "en": "name"},
    "hist.row.teachers": {"fr": "ens.", "en": "teachers"},
    "hist.row.pupils": {"fr": "élèves", "en": "pupils"},
    "hist.row.other_adults": {"fr": "adultes", "en": "adults"},
})  # fmt: skip

ROW_FIELDS = ("class_name", "teachers", "pupils", "other_adults")
ENTITIES = ("adhesionrow", "adhesion", "ledger", "invitation", "mandate")


def membership_event_text(event: CoopEvent, language: str) -> str | None:
    """The event in a few words, or None when it is not one of these."""
    before, after = event.before or {}, event.after or {}
    state, key = after or before, f"hist.{event.entity}.{event.action}"
    if event.entity not in ENTITIES or key not in texts.TEXTS:
        return None
    years = years_text(int(state["year"])) if "year" in state else ""
    if event.entity == "adhesionrow":
        changes = ", ".join(f"{t(f'hist.row.{f}', language)} {escape(str(before.get(f)))} → {escape(str(after.get(f)))}"
                            for f in ROW_FIELDS if before.get(f) != after.get(f))  # fmt: skip
        total = sum(int(state.get(f) or 0) for f in ROW_FIELDS[1:])
        return t(key, language, class_name=escape(str(state.get("class_name", ""))), total=total, changes=changes)
    if event.entity == "invitation":
        role = t(f"hist.role.{state.get('role')}", language, ledger=escape(event.ledger_name or ""))
        return t(key, language, role=role.strip())
    return t(key, language, years=years, members=state.get("members", ""),
             reason=escape(excerpt(state.get("reason", ""), 36)), name=escape(str(state.get("name", ""))),
             class_name=escape(str(state.get("class_name", ""))), successor=escape(event.subject_name or "—"))  # fmt: skip
