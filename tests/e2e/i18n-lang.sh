#!/usr/bin/env bash
# i18n-lang.sh - each screen in its own person's language (issue 17):
#   - serve --help follows LANGUAGE, and LANG even where that locale is
#     not installed (a fresh Debian has only C.UTF-8);
#   - join --lang fr and --lang es: the join screens' own words (cannot
#     reach, the room's name) and the room's refusals, which the room sends
#     in English and each screen translates ("wrong join code", and
#     "someone called Ana has already joined this room" with the name put into
#     the translation), while the facilitator's screen stays English;
#   - an SSH participant whose ssh sends LANG=fr_FR.UTF-8 reads French,
#     and one whose ssh sends none reads the room's language (serve --lang
#     es);
#   - export writes the charter in the room's language, or in --lang's.
# The screens' other words (src/tui/) are not translated yet: only the
# strings marked so far are looked for.
. "$(dirname "$0")/lib.bash"

command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"

# --- the help, without a screen ---------------------------------------
out=$(LANGUAGE=fr "$RT" serve --help) || fail "serve --help failed"
grep -qF "Ouvre la salle et affiche l'écran du facilitateur" <<<"$out" ||
    fail "serve --help under LANGUAGE=fr is not French: $(head -3 <<<"$out")"
out=$(env -u LC_ALL LANG=fr_FR.UTF-8 "$RT" serve --help) ||
    fail "serve --help failed"
grep -qF "Ouvre la salle" <<<"$out" ||
    fail "serve --help under LANG=fr_FR.UTF-8 is not French"
out=$(env -u LC_ALL LANG=es_ES.UTF-8 "$RT" join --help) ||
    fail "join --help failed"
grep -qF "Se une a la sala servida en HOST" <<<"$out" ||
    fail "join --help under LANG=es_ES.UTF-8 is not Spanish"
# Under C, LANGUAGE is ignored, as glibc does.
out=$(env -u LC_ALL LANG=C LANGUAGE=fr "$RT" serve --help)
grep -qF "Opens the room" <<<"$out" || fail "LANGUAGE=fr under LANG=C translated"
# An unknown language: a usage error that lists the languages.
out=$("$RT" join --lang de 127.0.0.1 2>&1)
[ $? -eq 2 ] || fail "join --lang de did not exit 2"
grep -qF "unknown language 'de': the languages are en, es, fr" <<<"$out" ||
    fail "join --lang de says: $out"

# --- join --lang, nothing listening yet -----------------------------------
# A port nobody answers on.
for FREE in $(shuf -i 20000-60000 -n 20); do
	(exec 3<>"/dev/tcp/127.0.0.1/$FREE") 2>/dev/null || break
done
start nofr "$RT" join --lang fr --plain "127.0.0.1:$FREE" --code X
wait_for nofr "impossible de joindre 127.0.0.1:$FREE"
wait_for nofr "essai…"	# "nouvel essai…", wrapped on a waiting screen
keys nofr q
start noes "$RT" join --lang es --plain "127.0.0.1:$FREE" --code X
wait_for noes "no se puede llegar a 127.0.0.1:$FREE"
wait_for noes "reintentando…"
keys noes q

# --- a room, served in English; its language of record is Spanish ---------
start fac "$RT" serve --port 0 --ssh-port auto --code ABC-234 \
    --title "Marchés sûrs" --lang es
wait_for fac "Phase 0/9 · Welcome"
PORT=$(join_port fac)
[ -n "$PORT" ] || fail "no port in the join line"
wait_for fac "Join: ssh -p $PORT"

start ana "$RT" join "127.0.0.1:$PORT" --code ABC-234 --name Ana \
    --group Police
wait_for fac "Present 1"

# French: a wrong code, refused by the room in English, read in French.
start fr "$RT" join --lang fr "127.0.0.1:$PORT" --code WRONG-1
wait_for fr "mauvais code d'accès"
type_text fr "ABC-234"
keys fr Enter
wait_for fr "Connexion à « Marchés sûrs »"
# The default groups in the screen's language, the record's in English:
# Zoé picks "Société civile" and the facilitator reads "Civil society"
# (they were English on every screen).
type_text fr "Zoé"
keys fr Enter
wait_for fr "Communauté"
keys fr Down Enter
wait_for fr "Zoé (Société civile)"
wait_for fr "Groupes absents : Communauté, Collectivités locales"
wait_for fac "Civil society: Zoé"

# Spanish: a name that is taken; the name goes into the translation.  (From
# another account: on Ana's own, her kept token would let her back in.)
start es env XDG_STATE_HOME="$WORK/other" "$RT" join --lang es \
    "127.0.0.1:$PORT" --code ABC-234 --name Ana --group Police
wait_for es "alguien llamado Ana ya se ha unido a esta sala; elija otro nombre"

# The facilitator's screen stays in the facilitator's language.
screen fac | grep -qF "Join: ssh -p" || fail "the facilitator's screen changed language"

# --- over SSH ---------------------------------------------------------------
mkdir -p "$WORK/ssh"
# A French laptop: its ssh sends LANG.
ssh_guest sshfr -o SetEnv=LANG=fr_FR.UTF-8
answer_password sshfr "Code d'accès :"
wait_for sshfr "Code d'accès :"
type_text sshfr "WRONG-2"
keys sshfr Enter
wait_for sshfr "mauvais code d'accès"
# One that sends no language: the room's, Spanish.
ssh_guest sshes
answer_password sshes "Código de acceso:"
wait_for sshes "Código de acceso:"
type_text sshes "WRONG-3"
keys sshes Enter
wait_for sshes "código de acceso incorrecto"

# The charter is written in the room's language of record, whatever the
# language of whoever exports it; --lang chooses another.
out=$(LANGUAGE=fr "$RT" export --charter "$WORK/roundtable.rtj") ||
    fail "export failed"
grep -qF "Carta (términos de referencia)" <<<"$out" ||
    fail "the charter is not in the room's language: $(head -4 <<<"$out")"
grep -qF "2 Actores y representantes" <<<"$out" ||
    fail "the charter's sections are not in the room's language"
out=$("$RT" export --charter --lang fr "$WORK/roundtable.rtj") ||
    fail "export --lang fr failed"
grep -qF "Charte (termes de référence)" <<<"$out" ||
    fail "export --lang fr is not French: $(head -4 <<<"$out")"

echo "i18n-lang: ok"
