// zlib's public API, for the spool's record checksums (crc32_z).
#include <zlib.h>
