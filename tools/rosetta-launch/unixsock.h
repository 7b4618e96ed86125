/*
 * Whether a unix socket is ready for a client. virtiofsd creates its socket with bind()
 * and listens a moment later, and it serves a single connection, so the launcher must not
 * probe by connecting: it reads the listening flag from /proc/net/unix instead.
 */
#ifndef ROSETTA_LAUNCH_UNIXSOCK_H
#define ROSETTA_LAUNCH_UNIXSOCK_H

/*
 * What a /proc/net/unix line says about the socket bound to path: 1 it listens, 0 it is
 * bound but does not listen (yet), -1 the line is about something else.
 */
int launch_unix_line_state(const char *line, const char *path);

/*
 * 1 when path is a socket that listens, 0 when not (yet), -errno on failure. table is
 * normally /proc/net/unix; when it cannot be read or does not show the socket (another
 * network namespace), a socket file is taken as listening.
 */
int launch_socket_listening(const char *path, const char *table);

#endif
