"""The sentences of bot/reports/, in French first and in English (gathered by bot.texts)."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.cloture": {"fr": "Clore un cahier de classe en fin d'exercice : son solde reversé au cahier de l'école",
                    "en": "Close a class ledger at the year's end: its balance paid back to the school ledger"},
    "clo.list": {"fr": "<b>Clôture des cahiers de classe</b>", "en": "<b>Closing the class ledgers</b>"},
    "clo.list.open": {"fr": "{ledger} — {years} : à clore · banque {banque} · caisse {caisse}",
                      "en": "{ledger} — {years}: to close · bank {banque} · cash {caisse}"},
    "clo.list.closed": {"fr": "{ledger} — {years} : clos le {day}", "en": "{ledger} — {years}: closed on {day}"},
    "clo.list.pick": {"fr": "Quel cahier clore ?", "en": "Which ledger to close?"},
    "clo.list.none": {"fr": "Tous ces cahiers sont clos. ✅", "en": "All these ledgers are closed. ✅"},
    "clo.button": {"fr": "🔒 Clore {ledger}", "en": "🔒 Close {ledger}"},
    "clo.preview": {"fr": "<b>Clôture du cahier {ledger}</b> — exercice {years}\nBanque : {banque}\nCaisse : {caisse}",
                    "en": "<b>Closing ledger {ledger}</b> — year {years}\nBank: {banque}\nCash: {caisse}"},
    "clo.preview.what": {"fr": "Le {day}, la banque et la caisse seront reversées au cahier de l'école, puis le cahier "
                               "sera clos : plus aucune écriture de l'exercice {years} n'y sera possible.",
                         "en": "On {day}, the bank and the cash will be paid back to the school ledger, then the "
                               "ledger will be closed: no more entries of year {years} in it."},
    "clo.preview.deficit": {"fr": "La banque du cahier est en négatif : l'école couvrira ce déficit.",
                            "en": "The ledger's bank is below zero: the school will cover the deficit."},
    "clo.preview.count": {"fr": "Arrêté de caisse du {day} : {counted} ✅", "en": "Cash count of {day}: {counted} ✅"},
    "clo.confirm": {"fr": "🔒 Clore le cahier", "en": "🔒 Close the ledger"},
    "clo.need_count": {"fr": "⚠️ Il faut d'abord un arrêté de caisse : la caisse contient {caisse} au livre. Comptez-la "
                             "avec /caisse, à une date de l'exercice {years} (le {day} au plus tard : bouton « 📅 Autre "
                             "date »), puis revenez à /cloture.",
                       "en": "⚠️ A cash count comes first: the cash box holds {caisse} in the books. Count it with "
                             "/caisse, on a date of year {years} ({day} at the latest: button \"📅 Another date\"), "
                             "then come back to /cloture."},
    "clo.count_differs": {"fr": "⚠️ Le dernier arrêté de caisse ({day} : {counted}) ne correspond pas au livre ({caisse}). "
                                "Recomptez avec /caisse, ou corrigez les écritures en espèces (/journal), puis "
                                "revenez à /cloture.",
                          "en": "⚠️ The last cash count ({day}: {counted}) does not match the books ({caisse}). "
                                "Count again with /caisse, or correct the cash entries (/journal), then come back "
                                "to /cloture."},
    "clo.already": {"fr": "Le cahier {ledger} est déjà clos pour l'exercice {years} : reversé le {day} (banque {banque}, "
                          "caisse {caisse}).",
                    "en": "Ledger {ledger} is already closed for year {years}: paid back on {day} (bank {banque}, "
                          "cash {caisse})."},
    "clo.done": {"fr": "🔒 Cahier {ledger} clos pour l'exercice {years} : banque {banque} et caisse {caisse} reversées "
                       "au cahier de l'école le {day}.",
                 "en": "🔒 Ledger {ledger} closed for year {years}: bank {banque} and cash {caisse} paid back to the "
                       "school ledger on {day}."},
    "clo.label": {"fr": "Clôture du cahier {ledger} : reversement à l'école",
                  "en": "Closing of ledger {ledger}: paid back to the school"},
    "ledger.error.ledger_closed": {"fr": "Le cahier {ledger} est clos pour l'exercice {year}-{next_year} : plus "
                                         "aucune écriture n'y change.",
                                   "en": "Ledger {ledger} is closed for year {year}-{next_year}: none of its entries "
                                         "change any more."},
    "ledger.error.ledger_already_closed": {"fr": "Le cahier {ledger} est déjà clos pour l'exercice {year}-{next_year}.",
                                           "en": "Ledger {ledger} is already closed for year {year}-{next_year}."},
    "ledger.error.cash_count_required": {"fr": "Il faut d'abord un arrêté de caisse du cahier {ledger} (/caisse) : sa "
                                               "caisse contient {caisse}.",
                                         "en": "Ledger {ledger} needs a cash count first (/caisse): its cash box holds "
                                               "{caisse}."},
    "ledger.error.cash_count_differs": {"fr": "Le dernier arrêté de caisse du cahier {ledger} ({counted}) ne "
                                              "correspond pas au livre ({caisse}) : recomptez avec /caisse.",
                                        "en": "The last cash count of ledger {ledger} ({counted}) does not match the "
                                              "books ({caisse}): count again with /caisse."},
    "ledger.error.not_class_ledger": {"fr": "Seul un cahier de classe se clôt ainsi.",
                                      "en": "Only a class ledger is closed this way."},
}
