#!/usr/bin/env node
import { main } from "./main.js";
import { stopWithParent } from "./stop-with-parent.js";

stopWithParent();
process.exitCode = await main(process.argv.slice(2));
