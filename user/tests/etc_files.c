/*
 * etc_files: what C libraries read in /etc and a Debian system has
 * there (tools/run-prog's image holds user/etc/passwd, group and hosts):
 * getpwuid(0) and getpwnam("root") are root with home /root, "nobody"
 * is 65534:65534, an unknown uid is no entry; getgrgid(0) is "root",
 * "nogroup" is 65534; getaddrinfo("localhost") for IPv4 is 127.0.0.1
 * with the port asked, and gethostbyname("localhost") too.  Only what
 * every Debian system has is printed (the host may hold more users and
 * names).
 */
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "check.h"

int main(void)
{
	struct passwd *pw = getpwuid(0);
	report(pw && !strcmp(pw->pw_name, "root") && !strcmp(pw->pw_dir, "/root") &&
	       pw->pw_gid == 0 && pw->pw_shell[0] == '/',
	       "getpwuid(0): %s, home %s, gid %d, a shell", pw ? pw->pw_name : "none",
	       pw ? pw->pw_dir : "-", pw ? (int)pw->pw_gid : -1);
	pw = getpwnam("root");
	report(pw && pw->pw_uid == 0, "getpwnam(\"root\"): uid %d", pw ? (int)pw->pw_uid : -1);
	pw = getpwnam("nobody");
	report(pw && pw->pw_uid == 65534 && pw->pw_gid == 65534,
	       "getpwnam(\"nobody\"): %d:%d", pw ? (int)pw->pw_uid : -1, pw ? (int)pw->pw_gid : -1);
	report(!getpwuid(54321), "getpwuid(54321): no entry");
	struct group *gr = getgrgid(0);
	report(gr && !strcmp(gr->gr_name, "root"), "getgrgid(0): %s", gr ? gr->gr_name : "none");
	gr = getgrnam("nogroup");
	report(gr && gr->gr_gid == 65534, "getgrnam(\"nogroup\"): %d", gr ? (int)gr->gr_gid : -1);

	struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM }, *res;
	int e = getaddrinfo("localhost", "80", &hints, &res);
	char ip[INET_ADDRSTRLEN] = "";
	int port = 0;
	if (!e) {
		struct sockaddr_in *a = (struct sockaddr_in *)res->ai_addr;
		inet_ntop(AF_INET, &a->sin_addr, ip, sizeof(ip));
		port = ntohs(a->sin_port);
	}
	report(!e && !strcmp(ip, "127.0.0.1") && port == 80,
	       "getaddrinfo(\"localhost\", \"80\", AF_INET): %s port %d", e ? gai_strerror(e) : ip, port);
	if (!e)
		freeaddrinfo(res);
	struct hostent *h = gethostbyname("localhost");
	ip[0] = 0;
	if (h && h->h_addrtype == AF_INET)
		inet_ntop(AF_INET, h->h_addr_list[0], ip, sizeof(ip));
	report(!strcmp(ip, "127.0.0.1"), "gethostbyname(\"localhost\"): %s", ip[0] ? ip : "none");
	printf("%s\n", failed ? "some checks failed" : "all checks passed");
	return failed != 0;
}
