#include "app/cli.h"

int main(int argc, char** argv) { return ofs::app::run(argc, argv); }
