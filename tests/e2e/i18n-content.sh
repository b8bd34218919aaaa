#!/usr/bin/env bash
# i18n-content.sh - one room, three languages (issue 17): a room served by
# an English facilitator, Awa joined with --lang fr and Luis with --lang
# es.  Each screen shows the template's words in its own language (the
# phase's title and prompt, the sample ground rules, the agenda), over the
# same room content: what a participant types reaches every screen as
# typed, even when it is word for word a sentence the catalogue holds, and
# the room's own title is never translated.  A consensus check opened on
# a typed rule, answered and revealed shows its verdict in each language;
# one on a sample rule shows the rule in each language, and its block
# verdict too.  `export --charter --lang fr` and `--lang es` of that room
# are compared with tests/golden/e2e-charter-fr.txt and -es.txt (today's
# dates written DATE and DAY).  Then the Colombian process (hsbp): its
# principles, its map's rows and columns, its scale and indicators in
# Spanish.
# Only the template's words and the words of the check's panel are looked
# for: the rest of the screens is translated elsewhere.
GOLDEN=$(cd "$(dirname "$0")/../golden" && pwd)
. "$(dirname "$0")/lib.bash"

# A room title that is also a phase's title: it stays as typed.
serve_room QWE-234 "Ground rules"
start fr "$RT" join --lang fr "127.0.0.1:$PORT" --code QWE-234 --name Awa \
    --group Community
wait_for fac "Present 1"
start es "$RT" join --lang es "127.0.0.1:$PORT" --code QWE-234 --name Luis \
    --group Police
wait_for fac "Present 2"
# Welcome's agenda is under the groups, whose names are longer in French
# and Spanish: at the end of the list.
keys fr End
keys es End

# --- Welcome: the phase's title, its prompt, the agenda ---------------------
wait_for fac "Introductions: who is present, and whose absence may affect"
wait_for fr "Phase 0/9 · Accueil"
wait_for fr "Présentations : qui est présent, et quelles absences"
wait_for fr "3. Règles de base"
wait_for es "Fase 0/9 · Bienvenida"
wait_for es "Presentaciones: ¿quiénes están presentes y qué ausencias"
wait_for es "3. Reglas básicas"
# The agenda's columns line up whatever the accents: the timebox of
# "Règles de base" (one accent) under that of "Accueil".
col_of() { screen "$1" | grep -F -- "$2" | head -n 1 | sed 's/ min.*//' |
    wc -m; }
[ "$(col_of fr "0. Accueil")" = "$(col_of fr "3. Règles de base")" ] ||
    fail "fr: the agenda's columns do not line up"
[ "$(col_of es "0. Bienvenida")" = "$(col_of es "3. Reglas básicas")" ] ||
    fail "es: the agenda's columns do not line up"
# The room's title as the facilitator typed it, on every screen.
for w in fr es; do
	screen $w | head -n 1 | grep -qE '^ Ground rules ' ||
	    fail "$w: the room's title is not as typed: $(screen $w | head -n 1)"
done

# --- Ground rules: the sample rules in each language ------------------------
goto_phase fac "Ground rules"
wait_for fr "Phase 3/9 · Règles de base"
wait_for fr "Comment allons-nous interagir et participer au processus ?"
wait_for fr "S'écouter les uns les autres"
wait_for fr "Trouver un terrain d'entente, tout en respectant"
wait_for es "Fase 3/9 · Reglas básicas"
wait_for es "¿Cómo vamos a interactuar y participar en el proceso?"
wait_for es "Escucharnos unos a otros"
wait_for es "Encontrar puntos en común, respetando y comprendiendo"
wait_for fac "Listen to each other"
for w in fr es; do
	screen $w | grep -qF "Listen to each other" &&
	    fail "$w shows a sample rule in English"
done

# --- What people type stays as typed ------------------------------------------
# Awa writes in two languages; Luis types, in English, the very words of a
# sample rule: the catalogue holds them, yet they are his, not the
# template's.
keys fr w
type_text fr "Hablar por turnos — parler à tour de rôle"
keys fr Enter
keys es w
type_text es "Respectful behaviour"
keys es Enter
for w in fac fr es; do
	wait_for $w "Hablar por turnos — parler à tour de rôle"
	wait_for $w "Respectful behaviour"
done
# The sample rule itself is still translated beside it.
wait_for fr "Se comporter avec respect"
wait_for es "Comportarnos con respeto"

# --- A consensus check on Luis's rule, revealed in each language ----------
wait_row fac "Luis (Police): Respectful behaviour"
keys fac c
wait_for fac "Consensus check on this"
keys fac Enter
wait_for fac "Consensus check, round 1 — named"
wait_for fr "Vérification du consensus, tour 1 — nominatif"
wait_for fr "1 d'accord  2 d'accord avec réserves  3 retrait  4 blocage"
wait_for es "Comprobación de consenso, ronda 1 — nominal"
wait_for es "1 de acuerdo  2 de acuerdo con reservas  3 me aparto  4 bloqueo"
# The rule checked, as Luis typed it, in the French panel.
wait_for fr "Règle de base : Respectful behaviour"
keys fr 1
wait_for fac "1 of 2 have answered"
keys es 2
wait_for es "Su reserva cuenta."
type_text es "Con la Policía presente"
keys es Enter
wait_for fac "2 of 2 have answered"
keys fac C
wait_for fac "Closed — 2 answered · R reveals the result to the room"
keys fac R
wait_for fac "Consensus check, round 1 — named · result"
wait_for fac "consensus (1 with reservations) — adopted"
wait_for fr "Vérification du consensus, tour 1 — nominatif · résultat"
wait_for fr "consensus (avec réserves : 1) — adopté"
wait_for es "Comprobación de consenso, ronda 1 — nominal · resultado"
wait_for es "consenso (con reservas: 1) — adoptado"
# Luis's reason, as he typed it, under the verdict on every screen (the
# French one with French typography: a space before the colon; his
# group's name in each screen's language).
wait_for fac "Luis (Police): Con la Policía presente"
wait_for es "Luis (Policía): Con la Policía presente"
wait_for fr "Luis (Police) : Con la Policía presente"

# --- A check on a sample rule: the rule in each language, a block -----------
wait_row fac "Draft: Listen to each other"
keys fac c
wait_for fac "Consensus check on this"
keys fac Enter
wait_for fr "Vérification du consensus, tour 1"
wait_for fr "Règle de base : S'écouter les uns les autres"
wait_for es "Regla básica: Escucharnos unos a otros"
keys es 1
wait_for fac "1 of 2 have answered"
keys fr 4
wait_for fr "Votre blocage compte. Votre raison"
type_text fr "Pas sans les femmes du marché"
keys fr Enter
wait_for fac "2 of 2 have answered"
keys fac C
wait_for fac "Closed — 2 answered · R reveals the result to the room"
keys fac R
wait_for fac "blocked by 1 — not adopted"
wait_for fr "bloqué par 1 — non adopté"
wait_for es "bloqueado por 1 — no adoptado"
wait_for fac "Awa (Community): Pas sans les femmes du marché"
wait_for es "Awa (Comunidad): Pas sans les femmes du marché"
wait_for fr "Awa (Communauté) : Pas sans les femmes du marché"

# --- The charter from the record, in French and in Spanish -------------------
# A sample rule adopted beside Luis's: in the exports the template's
# words are translated, the room's are as typed.  The record's language is
# the facilitator's, English; --lang chooses.
wait_row fac "Draft: Respectful behaviour"
keys fac a
wait_for fac "     2. Respectful behaviour"
# The charter's sections in each screen's language, their guidance too
# (they were the skeleton's English on a Spanish screen).
goto_phase fac Charter
wait_for es "1 Objetivo"
wait_for fr "1 Objectif"
wait_for fac "1 Goal"
keys es Home
wait_for es "Orientación: "
screen es | grep -qF "Statement of purpose" &&
    fail "es: the charter's guidance is in English"
keys fac q
wait_for fac "y/n"
keys fac y
wait_exit fac
for lang in fr es; do
	"$RT" export --charter --lang $lang -o "$WORK/charter-$lang.txt" \
	    "$WORK/roundtable.rtj" || fail "export --charter --lang $lang failed"
	# Today's dates: DATE and DAY (norm_export, lib.bash).
	norm_export "$WORK/charter-$lang.txt" > "$WORK/charter-$lang.norm"
	golden=$GOLDEN/e2e-charter-$lang.txt
	if [ "${ROUNDTABLE_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$WORK/charter-$lang.norm" "$golden"
	fi
	diff -u "$golden" "$WORK/charter-$lang.norm" >&2 ||
	    fail "export --charter --lang $lang differs from $golden"
done

# --- The Colombian process, in Spanish -----------------------------------------
start hfac "$RT" serve --port 0 --ssh-port auto --code HSB-234 \
    --title "Alianza Cauca" --template hsbp --state "$WORK/hsbp.rtj"
wait_for hfac "Phase 0/"
PORT=$(join_port hfac)
[ -n "$PORT" ] || fail "no port in the hsbp room's join line"
start hes "$RT" join --lang es "127.0.0.1:$PORT" --code HSB-234 \
    --name Marta --group Community
wait_for hfac "Present 1"
wait_for hes "Bienvenida"
wait_for hes "Un diálogo de largo plazo entre empresas, comunidad y gobierno"
# The template's groups in Spanish, all of them (Government stayed English
# beside "Sector privado" and "Comunidad"); the record keeps them English.
wait_for hes "Usted: Marta (Comunidad)"
wait_for hes "Grupos ausentes: Sector privado, Gobierno"
wait_for hfac "Absent groups: Business, Government"
keys hfac n
wait_for hes "Fase 1/"
wait_for hes "Principios (LIFTS)"
wait_for hes "LOCAL - las alianzas deben basarse en las necesidades"
wait_for hes "CONFIANZA - los socios deben confiar unos en otros"
wait_for hfac "TRUST- partners should have confidence in each other"
for i in 2 3 4; do
	keys hfac n
	wait_for hes "Fase $i/"
done
wait_for hfac "Step 2: Make a map"
wait_for hes "Paso 2: Hacer un mapa"
for word in "Organizaciones comunitarias" "Población desplazada" "Recursos" \
    "Capacidades"; do
	wait_for hes "$word"
done
wait_for hfac "Community organisations"
# Joint monitoring: the template's scale and indicators.
for i in 5 6 7 8 9 10; do
	keys hfac n
	wait_for hes "Fase $i/"
done
wait_for hes "Seguimiento y evaluación conjuntos"
wait_for hes "1 sí — así es hoy en la alianza"
wait_for hes "3 aún no — aún no es así"
wait_for hes "1. Todos los socios tienen los mismos derechos"
wait_for hfac "1 yes — this is so in the partnership today"

# Its report in Spanish speaks the template's words as the screens do:
# the agenda's phases (they were in English).
keys hfac q
wait_for hfac "y/n"
keys hfac y
wait_exit hfac
"$RT" export --report --lang es -o "$WORK/hsbp-es.txt" "$WORK/hsbp.rtj" ||
    fail "export --report --lang es failed"
grep -qF "4. Paso 2: Hacer un mapa" "$WORK/hsbp-es.txt" ||
    fail "the Spanish report's agenda is not in Spanish"
grep -qF "Step 2: Make a map" "$WORK/hsbp-es.txt" &&
    fail "the Spanish report keeps the template's English"
# Within 72 columns, as export --help says: a long phase title in the
# agenda wraps under itself (it ran to 89).
long=$(LC_ALL=C.UTF-8 wc -L < "$WORK/hsbp-es.txt")
[ "$long" -le 72 ] ||
    fail "the Spanish report has a line of $long columns"

# --- The joint SRM review, its partners answering apart, in French ------------
# The caucus's questions are the template's too (they were in English).
start sfac "$RT" serve --port 0 --ssh-port auto --code SRM-234 \
    --title "Revue conjointe" --template srm-review --state "$WORK/srm.rtj"
wait_for sfac "Phase 0/"
PORT=$(join_port sfac)
[ -n "$PORT" ] || fail "no port in the srm-review room's join line"
start sfr "$RT" join --lang fr "127.0.0.1:$PORT" --code SRM-234 \
    --name Awa --group "Local/national partner"
wait_for sfac "Present 1"
for i in 1 2 3; do
	keys sfac n
	wait_for sfr "Phase $i/"
done
wait_for sfac "2. Answer the questions separately"
wait_for sfr "Quelles sont les obligations juridiques et morales de devoir"
screen sfr | grep -qF "What are the legal and moral duty of care" &&
    fail "the caucus's questions are in English on a French screen"
echo "i18n-content: ok"
