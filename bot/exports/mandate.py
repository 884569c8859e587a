"""The change of mandataire / signataires form, sent to the new mandataire once the AD confirms."""

from __future__ import annotations

import logging

from telegram import InputFile
from telegram.error import BadRequest, Forbidden
from telegram.ext import ContextTypes

from bot.exports.files import mandate_pdf
from bot.texts import t
from store.exports import MandateForm

log = logging.getLogger(__name__)


async def send_mandate_form(context: ContextTypes.DEFAULT_TYPE, chat_id: int, form: MandateForm,
                            language: str) -> None:  # fmt: skip
    """The prefilled PDF, as a document; someone who blocked the bot does not undo the confirmation."""
    try:
        await context.bot.send_document(chat_id, InputFile(mandate_pdf(form), filename=f"changement-mandataire-"
                                                                                         f"{form.affiliation}.pdf"),
                                        caption=t("mandate.form", language, affiliation=form.affiliation))  # fmt: skip
    except (Forbidden, BadRequest) as refused:
        log.warning("could not send the mandate form to chat %s: %s", chat_id, refused.message)
