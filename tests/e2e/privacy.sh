#!/usr/bin/env bash
# privacy.sh - what someone must not see never reaches their screen.  A
# facilitator, a co-facilitator (joining with the code only the
# facilitator's screen shows), an observer and four participants in two
# groups: an expectation under the Chatham House Rule shows on no screen
# with its author, the projector included, nor does one said before the
# rule was set (but to its author); each caucus sees only its own
# notes; the observer's writes are refused; both caucuses approve their
# report-backs; the facilitator reveals one, and only then does it appear
# on the other caucus's screens; a point of order reaches the
# co-facilitator and not the projector, and one answered in private never
# reaches it; a closed straw poll's tally shows
# on the co-facilitator's screen and on the projector only at the reveal.
. "$(dirname "$0")/lib.bash"

NOTE_C='Nota comunitaria: el mercado de noche'
NOTE_P='Nota policial: faltan agentes'
REP_C='Pedimos patrullas a pie'
REP_P='Ofrecemos reuniones mensuales'

start fac "$RT" serve --port 0 --ssh-port auto --code KXM-47P --title "Diálogo"
wait_for fac "Phase 0/9 · Welcome"
PORT=$(join_port fac)
# Hidden until the facilitator asks for it.
wait_for fac "Co-facilitator code hidden — h shows it"
keys fac h
wait_for fac "Co-facilitator code: "
FC=$(screen fac | sed -n 's/.*Co-facilitator code: \([A-Z0-9-]*\).*/\1/p' |
    head -n 1)
[ -n "$FC" ] || fail "no co-facilitator code on the facilitator's screen"
join() {	# join WINDOW NAME GROUP
	start "$1" "$RT" join "127.0.0.1:$PORT" --code KXM-47P --name "$2" \
	    --group "$3"
}
join ana "Ana Pérez" Community;	wait_for fac "Present 1"
join bea "Bea" Community;	wait_for fac "Present 2"
join ruiz "Sgt. Ruiz" Police;	wait_for fac "Present 3"
join sol "Sol" Police;		wait_for fac "Present 4"
start olga "$RT" join "127.0.0.1:$PORT" --code KXM-47P --name Olga --observer
start cof "$RT" join "127.0.0.1:$PORT" --facilitator-code "$FC" --name Carla
wait_for olga "You are observing: you can read the room but not write"
wait_for fac "Observers: 1"
wait_for cof "K changes it"
# The facilitator can hide the code before projecting.
keys fac h
wait_for fac "Co-facilitator code hidden — h shows it"
screen fac | grep -qF "$FC" && fail "the hidden code is still on screen"

# Expectations under the Chatham House Rule, for this phase.  Ruiz
# speaks first, in the open; the rule set afterwards covers him too, on
# every screen but his own (before, every screen kept his name).
goto_phase fac Expectations
wait_for ana "Phase 2/9 · Expectations"
keys ruiz w
type_text ruiz "Más luz en la plaza"
keys ruiz Enter
for w in fac cof ana sol olga; do
	wait_for $w "Sgt. Ruiz (Police): Más luz en la plaza"
done
keys fac K
wait_for fac "Confidentiality: 1 open · 2 Chatham House Rule · 3 off the record"
# Off the record covers what is said from then on; the choice says so.
keys fac 3
wait_for fac "Off the record from now on (what was said before stays in the report)"
keys fac Escape
wait_gone fac "Off the record from now on"
keys fac K
wait_for fac "Confidentiality: 1 open · 2 Chatham House Rule · 3 off the record"
keys fac 2
wait_for fac "Chatham House Rule: no names, what was said before included"
wait_for fac "— Enter: for the whole room · p: for"
keys fac p
wait_for ana "Chatham House Rule · Phase 2/9"
for w in fac cof ana sol olga; do
	wait_for $w "Más luz en la plaza"
	wait_gone $w "Sgt. Ruiz (Police): Más luz"
done
wait_for ruiz "Sgt. Ruiz (Police): Más luz en la plaza"
# Lifting it would give the names back: K says so before (Esc here).
keys fac K
wait_for fac "Confidentiality: 1 open"
keys fac 1
wait_for fac "Open: names come back on what was said in the open before"
keys fac Escape
wait_gone fac "Open: names come back"
keys ana w
type_text ana "Que nos escuchen"
keys ana Enter
for w in fac cof bea ruiz olga; do wait_for $w "Que nos escuchen"; done
for w in fac cof bea ruiz sol olga; do
	screen $w | grep -qF "Ana Pérez (Community): Que" &&
	    fail "$w shows who wrote a Chatham House contribution"
done
# The observer cannot write.
keys olga w
wait_for olga "can read the room but not write in it"

goto_phase fac Caucus
wait_for ana "Phase 5/9 · Caucus"
wait_for sol "Phase 5/9 · Caucus"
keys ana w; type_text ana "$NOTE_C"; keys ana Enter
keys ruiz w; type_text ruiz "$NOTE_P"; keys ruiz Enter
wait_for bea "$NOTE_C"
wait_for sol "$NOTE_P"
wait_for cof "$NOTE_P"
for w in bea ana; do screen $w | grep -qF "$NOTE_P" &&
    fail "$w sees the police caucus's note"; done
for w in ruiz sol olga; do screen $w | grep -qF "$NOTE_C" &&
    fail "$w sees the community caucus's note"; done
screen fac | grep -qF "$NOTE_C" && fail "the projector shows a caucus note"
# Nor is the observer told there are none (it read "No notes yet." under
# questions both caucuses had written under).
wait_for olga "Caucus notes are seen only by each group and the facilitators."
screen olga | grep -qF "No notes yet." &&
    fail "the observer is told there are no notes: $(screen olga)"
keys olga b
wait_for olga "can read the room but not write"

# Each caucus drafts its report-back and approves it itself.
keys ana b
wait_for ana "Your group's report-back"
type_text ana "$REP_C"
keys ana C-d
wait_for bea "$REP_C [draft]"
keys ruiz b
wait_for ruiz "Your group's report-back"
type_text ruiz "$REP_P"
keys ruiz C-d
wait_for sol "$REP_P [draft]"
select_row ana "$REP_C [draft]"
keys ana c
wait_for bea "Caucus check on our report-back — Community"
select_row ruiz "$REP_P [draft]"
keys ruiz c
wait_for sol "Caucus check on our report-back — Police"
keys ana 1; keys bea 1; keys ruiz 1; keys sol 1
wait_for ana "2 of 2 have answered"
wait_for ruiz "2 of 2 have answered"
keys bea C
keys sol C
wait_for ana "approved 2 of 2"
wait_for ruiz "approved 2 of 2"
for w in ruiz sol olga; do screen $w | grep -qF "$REP_C" &&
    fail "$w sees the community report before it is shown"; done
for w in ana bea olga; do screen $w | grep -qF "$REP_P" &&
    fail "$w sees the police report before it is shown"; done

# The projector says nothing of a caucus's progress until v ...
wait_for fac "Community: (version 1, hidden here) [v shows it and its status]"
screen fac | grep -qF "approved 2 of 2" &&
    fail "the projector shows a caucus's result before v"
# ... then the facilitator shows the community's report to the plenary.
keys fac v
wait_for fac "for the whole room to read? y/n"
keys fac y
wait_for fac "[approved 2 of 2 — R shows it to the plenary]"
select_row fac "Community: $REP_C [approved 2 of 2"
keys fac R
keys fac v
wait_for fac "Caucus notes are hidden again."

for w in ruiz sol olga fac; do
	wait_for $w "Community caucus, approved 2 of 2: Pedimos"
done
for w in ana bea olga; do screen $w | grep -qF "$REP_P" &&
    fail "$w sees the police report, which is not shown yet"; done

# A point of order reaches the co-facilitator, not the projector.
keys sol '!'
wait_for sol "Point of order for the facilitators:"
type_text sol "Necesitamos una pausa"
keys sol Enter
wait_for sol "Sent to the facilitators only."
wait_for fac "Points of order: 1 waiting"
# Where a facilitator alone can read them without the room.
wait_for fac "a co-facilitator reads them alone"
screen fac | grep -qF "Necesitamos una pausa" &&
    fail "the projector shows a point of order"
keys cof '!'
wait_for cof "Sol (Police): Necesitamos una pausa"
# On the projector ! asks first (it showed them all at once, anonymous
# ones included); n keeps them hidden, y shows them.
keys fac '!'
wait_for fac "Show 1 point of order on the projected screen, for the whole"
screen fac | grep -qF "Necesitamos una pausa" &&
    fail "! showed the points of order before asking"
keys fac n
wait_for fac "Points of order stay hidden on this screen."
screen fac | grep -qF "Necesitamos una pausa" && fail "n showed them"
keys fac '!'
wait_for fac "Show 1 point of order"
# A point sent while the y/n is up waits: y agrees to the one counted
# (it showed both).
keys sol '!'
wait_for sol "Point of order for the facilitators:"
type_text sol "Y que no se grabe"
keys sol Enter
wait_for sol "Sent to the facilitators only."
wait_for cof "Sol (Police): Y que no se grabe"
keys fac y
wait_for fac "Sol (Police): Necesitamos una pausa"
wait_for fac "1 more since this list opened: Esc, then ! asks before showing"
screen fac | grep -qF "Y que no se grabe" &&
    fail "a point sent during the y/n reached the projector"
# So does one sent while the list is up.
keys sol '!'
wait_for sol "Point of order for the facilitators:"
type_text sol "Y otra más"
keys sol Enter
wait_for sol "Sent to the facilitators only."
wait_for fac "2 more since this list opened: Esc, then ! asks before showing"
screen fac | grep -qF "Y otra más" &&
    fail "a point sent after the y/n reached the projector"

# A point answered in private stays private: the co-facilitator marks
# Sol's first one answered, and the projector's y/n and list hold only
# the one still waiting (it counted and showed both).
select_row cof "Necesitamos una pausa"
keys cof A
wait_for cof "Necesitamos una pausa (answered)"
keys fac Escape
wait_gone fac "Points of order — on the projected screen"
keys fac '!'
wait_for fac "Show 2 points of order on the projected screen"
keys fac y
wait_for fac "Y que no se grabe"
wait_for fac "Y otra más"
wait_for fac "1 answered: not shown on the projector"
screen fac | grep -qF "Necesitamos una pausa" &&
    fail "the projector shows a point answered in private"

# A closed poll's result is the facilitators' until R: the co-facilitator's
# own screen shows it, the projector only at the reveal (it showed the
# tally and the verdict as soon as the poll closed).
keys fac Escape
keys cof Escape
wait_gone cof "Points of order — only the facilitators"
keys fac o
wait_for fac "Question for the straw poll:"
type_text fac "Seguimos mañana?"
keys fac Enter
wait_for fac "Straw poll — Enter: named"
keys fac Enter
wait_for ana "1 yes  2 no  3 abstain"
keys ana 1; keys bea 1; keys ruiz 2; keys sol 1
wait_for fac "4 of 4 have answered"
keys fac C
wait_for fac "Closed — 4 answered · R reveals the result to the room"
wait_for cof "yes ███"
wait_for ana "Closed — 4 answered; the facilitator will reveal the result"
for w in fac ana; do screen $w | grep -qF "███" &&
    fail "$w shows the straw poll's tally before R"; done
keys fac R
wait_for fac "yes ███"
wait_for ana "yes ███"

# Under the Chatham House Rule (Expectations), a signed point of order
# still names its author on the co-facilitator's screen: the facilitators
# must know whom to protect (it said "name withheld").
goto_phase fac Expectations
wait_for sol "Chatham House Rule · Phase 2/9"
sleep 2	# keys typed right after a refusal are taken for typing
keys sol '!'
wait_for sol "Point of order for the facilitators:"
type_text sol "Me presionan por nombres"
keys sol Enter
wait_for sol "Sent to the facilitators only."
keys cof '!'
wait_for cof "Sol (Police): Me presionan por nombres"
echo "privacy: ok"
