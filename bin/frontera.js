#!/usr/bin/env node
// The CLI runs from its bundle in dist/cli-bundle (built by `npm install` through the prepare
// script: tsc, then bin/bundle-cli.mjs), which loads in a few files rather than ~40.
import { main } from '../dist/cli-bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
