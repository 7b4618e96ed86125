/* The console relay; see relay.h. */
#include <errno.h>
#include <unistd.h>

#include "lib/clock.h"
#include "relay.h"

#define CHUNK 4096

int launch_relay_open(struct launch_relay *r, int in, int out_fd)
{
	r->in = in;
	r->unwritten = 0;
	r->entry_output_ms = 0;
	console_scan_init(&r->scan);
	return launch_out_open(&r->out, out_fd);
}

void launch_relay_pollfds(const struct launch_relay *r, struct pollfd p[2])
{
	bool room = launch_out_room(&r->out) > 0;

	p[0] = (struct pollfd){ .fd = room ? r->in : -1, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = launch_out_pending(&r->out) ? r->out.fd : -1,
				.events = POLLOUT };
}

/* Read as much as the queue takes, or up to the console's end. */
static void pump(struct launch_relay *r)
{
	size_t room = launch_out_room(&r->out);
	char buf[CHUNK];
	ssize_t n;

	if (r->in < 0)
		return;
	n = read(r->in, buf, room < sizeof(buf) ? room : sizeof(buf));
	if (n > 0) {
		console_scan_feed(&r->scan, buf, (size_t)n);
		if (r->scan.entry_output && !r->entry_output_ms)
			r->entry_output_ms = monotonic_ms();
		launch_out_put(&r->out, buf, (size_t)n);
	} else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
		close(r->in);
		r->in = -1;
	}
}

void launch_relay_events(struct launch_relay *r, const struct pollfd p[2])
{
	if (p[0].fd >= 0 && p[0].revents)
		pump(r);
	if (launch_out_pending(&r->out))
		launch_out_flush(&r->out);
}

bool launch_relay_busy(const struct launch_relay *r)
{
	return r->in >= 0 || launch_out_pending(&r->out) > 0;
}

bool launch_relay_full(const struct launch_relay *r)
{
	return launch_out_room(&r->out) == 0;
}

void launch_relay_finish(struct launch_relay *r)
{
	char buf[CHUNK];

	launch_out_flush(&r->out);
	r->unwritten += launch_out_pending(&r->out);
	while (r->in >= 0) {
		ssize_t n = read(r->in, buf, sizeof(buf));

		if (n > 0) {
			console_scan_feed(&r->scan, buf, (size_t)n);
			r->unwritten += r->out.err ? 0 : (uint64_t)n;
		} else if (n == 0 || errno != EINTR) {
			close(r->in);
			r->in = -1;
		}
	}
	console_scan_finish(&r->scan);
}

void launch_relay_close(struct launch_relay *r)
{
	if (r->in >= 0)
		close(r->in);
	r->in = -1;
	launch_out_close(&r->out);
}
