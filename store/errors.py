"""Reason-coded refusals of the store, which bot/ turns into French."""

from __future__ import annotations

from typing import Any


class StoreError(Exception):
    """A refusal of the store: ``reason`` says why (bot/ maps it to a catalogue key) and ``details``
    carry what the sentence needs, also readable as attributes (``error.year``)."""

    def __init__(self, reason: str, **details: Any):
        super().__init__(f"{reason} {details}" if details else reason)
        self.reason = reason
        self.details = details

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["details"][name]
        except KeyError:
            raise AttributeError(name) from None


class LedgerError(StoreError):
    """Why a bookkeeping action is refused. (A coop, ledger, entry or statement that does not
    exist is refused as Forbidden, like one that is not yours: ids reveal nothing.) ``reason`` is one of:

    amount_not_positive, amount_too_large, label_empty, label_length, project_invalid;
    future, year_not_open (year), closed_year (year), other_year (an edit leaving its year);
    means_treasury (caisse ⇔ espèces), means_direction (a recette by prélèvement), cheque_number_required, cheque_number_invalid;
    no_split, split_not_positive, unknown_account (account), wrong_class (account),
    splits_mismatch (difference = amount − sum of the parts);
    caisse_negative (caisse: the most a dépense that day could take, before the change;
    for an opening balance, minimum: the smallest opening caisse that keeps it ≥ 0); caisse_short (caisse: how
    low it would fall, a cash recette cancelled, lowered or dated later while the expenses after it need it);
    cancelled, ticked (a ticked entry keeps its date, amount, treasury and means), deposited (so does a
    cheque on a remise, and it is not cancelled),
    movement (a movement leg is not edited), wrong_ledgers;
    carried_forward (the ledger has books of an earlier year: its opening is their final
    balance), before_opening (dated before the ledger's first opening balance);
    statement_exists (statement_id), not_bank_entry (entry_id), already_ticked (entry_id),
    after_statement (entry_id);
    count_missing (give coins or a total), count_negative, denomination (value);
    receipt_invalid (field); month; page; giver_required, giver_length, giver_letters (a recette on a grant
    account); label_letters (a label typed with no letter nor digit);
    ledger_closed (ledger, year: the class ledger was closed for that year by /cloture);
    no_cheque, not_to_deposit (entry_id: not a live cheque received, or already deposited or ticked),
    after_deposit (entry_id: received after the slip's date).
    """
