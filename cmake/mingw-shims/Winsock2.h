// Poco includes <Winsock2.h>; mingw-w64 ships it lower-case, and Linux is case-sensitive.
// wincrypt.h defines TIMESTAMP_REQUEST, a name in Poco's ICMP enum.
#pragma once
#include <winsock2.h>
#include <wincrypt.h>
#undef TIMESTAMP_REQUEST
