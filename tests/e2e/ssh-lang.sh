#!/usr/bin/env bash
# ssh-lang.sh - an SSH participant switches their screen's language
# (issue 17: "over SSH it follows the client's LANG when the client sends
# it, with a key to switch"), with the real OpenSSH client:
#   - an ssh that sends LANG=fr_FR.UTF-8 opens in French; F2 at the join
#     code (where L is a letter of the code) switches to Spanish, and the
#     key bar says so;
#   - L at the group picker goes on: English, then French again; in the
#     room, the help has the key, and L there switches the help itself;
#   - only that screen: another SSH participant's (English, the room's)
#     and the facilitator's stay as they were; a `roundtable join`
#     screen has no such key (it has --lang);
#   - what else the client's terminal says is taken as it can be: an ssh
#     run with TERM=dumb (an editor's shell) gets a screen drawn for a
#     terminal that can place the cursor, not a blank one, and F2 as
#     PuTTY sends it switches that screen's language.
. "$(dirname "$0")/lib.bash"

command -v ssh >/dev/null || fail "no ssh client (scripts/install-deps)"

serve_room ABC-234 "Marchés sûrs"
wait_for fac "Join: ssh -p $PORT"

# The last line of WINDOW: its key bar.
keybar() { screen "$1" | tail -n 1; }

# --- a French laptop's ssh --------------------------------------------------
ssh_guest ana -o SetEnv=LANG=fr_FR.UTF-8
answer_password ana
wait_for ana "Tapez le code d'accès affiché"
wait_for ana "F2 langue"
# F2 while the code is typed: Spanish, and what was typed stays.
type_text ana "ABC"
keys ana F2
wait_for ana "Esta pantalla está ahora en español"
# At the code L is a letter: the notice names F2.
wait_for ana "F2 cambia de nuevo su idioma"
wait_for ana "Escriba el código de acceso"
wait_for ana "F2 idioma"
screen ana | grep -qF "Tapez" && fail "French left on the Spanish screen"
type_text ana "-234"
keys ana Enter
wait_for ana "Su nombre: guest"
keys ana C-u
type_text ana "Ana"
keys ana Enter
wait_for ana "Elija su grupo de actores"
# L at the group picker (not text): English, then French again.
keys ana L
wait_for ana "This screen is in English now; L changes its language again"
wait_for ana "Choose your stakeholder group"
keys ana L
wait_for ana "Cet écran est maintenant en français"
wait_for ana "Choisissez votre groupe"
select_row ana "Communauté"
keys ana Enter
wait_for ana "Vous : Ana (Communauté)"
wait_for fac "Community: Ana"
wait_for fac "Present 1"
# F2 while she types a line in the room (where L is a letter too): the
# notice names F2, and what she typed stays.
keys ana '!'
wait_for ana "ordre"
type_text ana "Lumière"
keys ana F2
wait_for ana "Esta pantalla está ahora en español; F2 cambia de nuevo su idioma"
wait_for ana "Lumière"
keys ana F2
wait_for ana "This screen is in English now; F2 changes its language again"
keys ana F2
wait_for ana "Cet écran est maintenant en français ; F2 change encore sa langue"
wait_for ana "Lumière"
keys ana Escape
wait_gone ana "Lumière"

# --- another SSH participant, who sends no language: the room's, English --
ssh_guest li
answer_password li
wait_for li "Type the join code shown"
type_text li "ABC-234"
keys li Enter
wait_for li "Your name: guest"
keys li C-u
type_text li "Li"
keys li Enter
wait_for li "Choose your stakeholder group"
select_row li "Police"
keys li Enter
wait_for li "You: Li (Police)"
wait_for fac "Present 2"

# --- in the room: the help says so, and L switches the help itself --------
keys ana '?'
wait_for ana "Langue de cet écran"
wait_for ana "anglais, français, espagnol à tour de rôle"
keys ana L
wait_for ana "Idioma de esta pantalla"
wait_for ana "inglés, francés, español por turnos"
keys ana Escape
wait_gone ana "Idioma de esta pantalla"
wait_for ana "Usted: Ana (Comunidad)"
keybar ana | grep -qF "? ayuda" || fail "ana's key bar is not Spanish: $(keybar ana)"
keys ana L
wait_for ana "This screen is in English now"
wait_for ana "You: Ana (Community)"

# Li's screen and the facilitator's have not moved.
keybar li | grep -qF "? help" || fail "li's key bar changed: $(keybar li)"
screen li | grep -qF "You: Li (Police)" || fail "li's screen changed language"
screen fac | grep -qF "Join: ssh -p $PORT" || fail "the facilitator's screen changed language"
# Li's screen has the key too, and its own: French there leaves Ana's
# English.
keys li L
wait_for li "Vous : Li (Police)"
# The whole screen: the phase's prompt and the headings too, not only
# what is drawn anew each time.
wait_for li "Présentations : qui est présent"
wait_for li "Groupes de parties prenantes"
sleep 0.5
screen ana | grep -qF "You: Ana (Community)" || fail "ana's screen followed li's"

# --- roundtable join: --lang, no key ----------------------------------------
start joe "$RT" join "127.0.0.1:$PORT" --code ABC-234 --name Joe \
    --group Business
wait_for fac "Present 3"
wait_for joe "You: Joe (Business)"
keys joe '?'
wait_for joe "Everyone"
screen joe | grep -qF "This screen's language" &&
    fail "a roundtable join screen offers the language key"
keys joe Escape
keys joe L
sleep 0.5
screen joe | grep -qF "This screen is in English now" &&
    fail "L switched a roundtable join screen"
screen joe | grep -qF "You: Joe (Business)" || fail "joe's screen changed"

# --- who wrote it, in each language in turn ---------------------------------
# A contribution's author is labelled in the screen's language, and again
# when it changes: Spanish, then English again, did not rename "Policía"
# (the labels are kept, and Spanish and English write them alike).
goto_phase fac Expectations
wait_for li "Attentes"
keys li w
wait_for li "Votre attente"
type_text li "Des rues éclairées"
keys li Enter
wait_for ana "Li (Police): Des rues éclairées"
keys ana L
wait_for ana "Li (Police) : Des rues éclairées"
keys ana L
wait_for ana "Li (Policía): Des rues éclairées"
keys ana L
wait_for ana "This screen is in English now"
wait_for ana "Li (Police): Des rues éclairées"

# --- a client that says its terminal is dumb --------------------------------
start dumb env TERM=dumb ssh -F none -p "$PORT" -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
    -o PubkeyAuthentication=no -o PreferredAuthentications=password \
    -t "guest@127.0.0.1"
answer_password dumb
wait_for dumb "Type the join code shown"
# F2 as PuTTY sends it (ESC [ 1 2 ~), not as xterm's entry says.
tm send-keys -t dumb -l $'\e[12~'
wait_for dumb "Cet écran est maintenant en français"
type_text dumb "ABC-234"
keys dumb Enter
wait_for dumb "Votre nom : guest"

echo "ssh-lang: ok"
