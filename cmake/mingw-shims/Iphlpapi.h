// Poco includes <Iphlpapi.h>; mingw-w64 ships it lower-case.
#pragma once
#include <iphlpapi.h>
