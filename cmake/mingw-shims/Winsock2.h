// Poco includes <Winsock2.h>; mingw-w64 ships it lower-case, and Linux is case-sensitive.
// wincrypt.h defines TIMESTAMP_REQUEST, a name in Poco's ICMP enum. winsock2.h comes first.
#pragma once
// clang-format off
#include <winsock2.h>
#include <wincrypt.h>
// clang-format on
#undef TIMESTAMP_REQUEST
