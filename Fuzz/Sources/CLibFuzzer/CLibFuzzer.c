// Nothing to compile: the module only declares libFuzzer's driver (include/CLibFuzzer.h), which the fuzzer runtime
// linked by `-sanitize=fuzzer` defines. SwiftPM needs one source file per C target.
#include "CLibFuzzer.h"
