// libFuzzer's entry point for programs that bring their own `main` (https://llvm.org/docs/LibFuzzer.html).
//
// SwiftPM links an executable target's entry point under the name `<Target>_main` and points `main` at it, which
// hides libFuzzer's own `main`; each harness's `@main` calls this driver instead, with the same arguments.
#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test)(const uint8_t *data, size_t size));

#endif
