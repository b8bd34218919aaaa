/*
 * terminfo.c - whether a terminal type can hold a screen at all.  Apart
 * from tui.c because <term.h> defines a macro for every capability
 * ("lines", "columns", "tab"...), names the screen's code uses too.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <unistd.h>

#include "roundtable/tui.h"	/* before <term.h>, whose macros would
				 * rename its fields */

#include <curses.h>
#include <term.h>

bool
tui_term_can_address(const char *name)
{
	TERMINAL	*was = cur_term;
	const char	*cup;
	bool		 ok = false;
	int		 err = 0, fd;

	/* setupterm wants an output to look at; this one says nothing
	 * about the terminal, and the type's entry is all that counts. */
	fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return true;	/* cannot tell: curses will try it */
	if (setupterm((char *)name, fd, &err) == OK) {
		cup = tigetstr("cup");
		ok = cup != NULL && cup != (char *)-1;
		del_curterm(cur_term);
	}
	set_curterm(was);
	close(fd);
	return ok;
}
