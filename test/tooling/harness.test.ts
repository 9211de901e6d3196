// Tests of the VS Code test harness's own logic (test/harness): no code-server needed.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as vm from 'node:vm';
import { parseArgs } from '../harness/cli';
import { groupMembers, parseProcStat, stopGroup } from '../harness/processes';
import { clearFailureReport, describeError, keptLogs, parseResultLine, RESULT_MARK, resultLine, writeFailureReport } from '../harness/results';
import { formatConsoleCall, isExpectedNoise } from '../harness/runTests';
import { createRunDir, parseListeningPort, serverArgs, serverEnv, startServer } from '../harness/server';
import { parseStressArgs, resultLabel, Tally } from '../harness/stress';
import { joinViewLines, normalizeEditorText, screenshotName } from '../harness/ui';
import { waitFor } from '../harness/util';
import { resolveVersions, VERSIONS } from '../harness/versions';
import { developmentOptions, injectDevelopmentOptions, isAllowedUrl, remoteUri, workbenchUrl } from '../harness/workbench';
import { withoutNpmRunVariables, type Installation } from '../harness/install';

describe('harness: code-server log', () => {
  it('reads the port from the listening line among other lines', () => {
    const log = [
      '[2026-11-23T20:40:01.123Z] info  code-server 4.100.3 409c64e0df4d53530e59c16acc2b5d5766f717b0',
      '[2026-11-23T20:40:01.125Z] info  Using user-data-dir /tmp/run/user-data',
      '[2026-11-23T20:40:01.380Z] info  HTTP server listening on http://127.0.0.1:43585/',
      '[2026-11-23T20:40:01.381Z] info    - Authentication is disabled',
    ].join('\n');
    assert.equal(parseListeningPort(log), 43585);
  });

  it('finds nothing before the line is complete, or for another address', () => {
    assert.equal(parseListeningPort('info  HTTP server listening on http://127.0.0.1:4358'), undefined);
    assert.equal(parseListeningPort('info  HTTP server listening on http://0.0.0.0:8080/'), undefined);
    assert.equal(parseListeningPort('info  Using config file /tmp/x.yaml'), undefined);
    assert.equal(parseListeningPort(''), undefined);
  });

  it('rejects a port out of range', () => {
    assert.equal(parseListeningPort('HTTP server listening on http://127.0.0.1:70000/'), undefined);
    assert.equal(parseListeningPort('HTTP server listening on http://127.0.0.1:0/'), undefined);
  });
});

describe('harness: what the workbench is told', () => {
  it('addresses server paths through the remote authority of the page', () => {
    assert.deepEqual(remoteUri(41234, '/srv/ext'), { scheme: 'vscode-remote', authority: '127.0.0.1:41234', path: '/srv/ext' });
    assert.throws(() => remoteUri(41234, 'relative/x'), /not an absolute path/);
    assert.throws(() => remoteUri(0, '/x'), /not a port/);
  });

  it('builds developmentOptions with and without a test suite', () => {
    const withTests = developmentOptions(5000, { extensionDevelopmentPath: '/p', extensionTestsPath: '/p/out/test/integration/index.js' });
    assert.deepEqual(withTests, {
      extensions: [{ scheme: 'vscode-remote', authority: '127.0.0.1:5000', path: '/p' }],
      extensionTestsPath: { scheme: 'vscode-remote', authority: '127.0.0.1:5000', path: '/p/out/test/integration/index.js' },
    });
    const ui = developmentOptions(5000, { extensionDevelopmentPath: '/p' });
    assert.equal('extensionTestsPath' in ui, false);
  });

  it('opens the workspace folder by an encoded absolute path on 127.0.0.1', () => {
    const url = new URL(workbenchUrl(5000, '/tmp/roundup run/workspace'));
    assert.equal(url.origin, 'http://127.0.0.1:5000');
    assert.equal(url.searchParams.get('folder'), '/tmp/roundup run/workspace');
    assert.throws(() => workbenchUrl(5000, 'workspace'), /not an absolute path/);
  });

  describe('the injected getAttribute wrapper', () => {
    // Run the function's source text in a bare context, as addInitScript does in the page: this
    // also proves it does not depend on anything of this module.
    function pageWith(settings: string | null) {
      const context = vm.createContext({ JSON });
      vm.runInContext(
        `class Element {
           constructor(id, attrs) { this.id = id; this.attrs = attrs; }
           getAttribute(name) { return name in this.attrs ? this.attrs[name] : null; }
         }
         globalThis.Element = Element;
         globalThis.config = new Element('vscode-workbench-web-configuration', { 'data-settings': ${JSON.stringify(settings)}, 'class': 'c' });
         globalThis.other = new Element('other', { 'data-settings': '{"a":1}' });`,
        context,
      );
      const options = developmentOptions(7000, { extensionDevelopmentPath: '/ext', extensionTestsPath: '/ext/index.js' });
      vm.runInContext(`(${injectDevelopmentOptions.toString()})(${JSON.stringify(JSON.stringify(options))})`, context);
      return { context, options };
    }

    it('adds developmentOptions to the workbench configuration, keeping what was there', () => {
      const original = { remoteAuthority: '127.0.0.1:7000', developmentOptions: { enableSmokeTestDriver: true } };
      const { context, options } = pageWith(JSON.stringify(original));
      const read = JSON.parse(vm.runInContext(`config.getAttribute('data-settings')`, context));
      assert.equal(read.remoteAuthority, '127.0.0.1:7000');
      assert.deepEqual(read.developmentOptions, { enableSmokeTestDriver: true, ...JSON.parse(JSON.stringify(options)) });
    });

    it('leaves other attributes, other elements and unreadable settings alone', () => {
      const { context } = pageWith('{not json');
      assert.equal(vm.runInContext(`config.getAttribute('data-settings')`, context), '{not json');
      assert.equal(vm.runInContext(`config.getAttribute('class')`, context), 'c');
      assert.equal(vm.runInContext(`other.getAttribute('data-settings')`, context), '{"a":1}');
      const empty = pageWith(null).context;
      assert.equal(vm.runInContext(`config.getAttribute('data-settings')`, empty), null);
    });
  });

  it('allows only 127.0.0.1 (and in-page data/blob URLs)', () => {
    assert.equal(isAllowedUrl('http://127.0.0.1:4000/static/out/workbench.js'), true);
    assert.equal(isAllowedUrl('data:image/png;base64,AAAA'), true);
    assert.equal(isAllowedUrl('blob:http://127.0.0.1:4000/1234'), true);
    assert.equal(isAllowedUrl('https://open-vsx.org/vscode/gallery'), false);
    assert.equal(isAllowedUrl('http://localhost:4000/'), false);
    assert.equal(isAllowedUrl('http://127.0.0.1.example.com/'), false);
    assert.equal(isAllowedUrl('https://main.vscode-cdn.net/x.js'), false);
    assert.equal(isAllowedUrl('not a url'), false);
  });
});

describe('harness: suite output', () => {
  it('formats forwarded console calls printf-style, as mocha wrote them', () => {
    assert.equal(formatConsoleCall(['    ✔ %s (%dms)', 'opens the post', 512]), '    ✔ opens the post (512ms)\n');
    assert.equal(formatConsoleCall(['%s%s', '  ', 'suite']), '  suite\n');
    assert.equal(formatConsoleCall(['plain']), 'plain\n');
  });

  it('hides only the expected workbench noise', () => {
    assert.equal(isExpectedNoise('Ignoring fetching additional builtin extensions from gallery as it is disabled.\n'), true);
    assert.equal(isExpectedNoise("Error while fetching the extension under development [object Object]. Cannot add 'Roundup' because this extension is not a web extension.\n"), true);
    assert.equal(isExpectedNoise('  1) smoke: the extension in a real VS Code\n'), false);
    assert.equal(isExpectedNoise('Error while fetching the extension under development: ENOENT\n'), false);
  });
});

describe('harness: editor text and screenshots', () => {
  it('orders rendered lines by position and joins wrapped ones', () => {
    const lines = [
      { top: 38, text: 'wrapped part two' },
      { top: 0, text: '---' },
      { top: 19, text: 'a long line, ' },
      { top: 57, text: 'next\u00a0line' },
    ];
    assert.equal(joinViewLines(lines, [0, 19, 57]), '---\na long line, wrapped part two\nnext line');
    assert.equal(joinViewLines(lines, []), '---\na long line, \nwrapped part two\nnext line');
  });

  it('normalises the non-breaking spaces Monaco renders', () => {
    assert.equal(normalizeEditorText('a\u00a0\u00a0b'), 'a  b');
  });

  it('makes safe screenshot names', () => {
    assert.equal(screenshotName('quick fix / after'), 'quick-fix-after.png');
    assert.equal(screenshotName('smoke.png'), 'smoke.png');
    assert.throws(() => screenshotName('///'), /not a usable screenshot name/);
  });
});

describe('harness: versions and command line', () => {
  it('knows both VS Code versions and what runs them', () => {
    assert.deepEqual(resolveVersions('all').map((v) => v.vscode), ['1.100.3', '1.139.1']);
    assert.equal(resolveVersions('4.139.1')[0]!.vscode, '1.139.1');
    assert.deepEqual(resolveVersions('1.139.1')[0]!.node, { kind: 'npm', version: '24.21.0' });
    assert.throws(() => resolveVersions('1.99.0'), /unknown VS Code version "1.99.0"/);
    assert.equal(VERSIONS.length, 2);
  });

  it('parses the CLI', () => {
    assert.deepEqual(parseArgs(['integration']), { command: 'integration', vscode: 'all', force: false, port: 0 });
    assert.deepEqual(parseArgs(['ui']), { command: 'ui', vscode: '1.100.3', force: false, port: 0 });
    assert.deepEqual(parseArgs(['install', '--vscode=1.139.1', '--force']), { command: 'install', vscode: '1.139.1', force: true, port: 0 });
    assert.equal(parseArgs(['start', '--port', '8080']).port, 8080);
    // ui --vsix: the installed-package tests against a .vsix (an absolute path); only for ui.
    assert.equal(parseArgs(['ui', '--vsix', 'roundup.vsix', '--vscode', '1.139.1']).vsix, resolve('roundup.vsix'));
    assert.throws(() => parseArgs(['integration', '--vsix', 'roundup.vsix']), /unknown argument: --vsix/);
    // ui --installed: the UI tests themselves with a .vsix installed; not with --vsix (other tests).
    assert.equal(parseArgs(['ui', '--installed', 'roundup.vsix']).installed, resolve('roundup.vsix'));
    assert.throws(() => parseArgs(['integration', '--installed', 'roundup.vsix']), /unknown argument: --installed/);
    assert.throws(() => parseArgs(['ui', '--installed', 'a.vsix', '--vsix', 'b.vsix']), /give one/);
    assert.throws(() => parseArgs(['start', '--port', '99999']), /not a port/);
    assert.throws(() => parseArgs(['integration', '--port', '8080']), /unknown argument/);
    assert.throws(() => parseArgs(['ui', '--vscode', 'all']), /one version at a time/);
    assert.throws(() => parseArgs(['integration', '--vscode', '2.0']), /unknown VS Code version/);
    assert.throws(() => parseArgs(['deploy']), /usage/);
    assert.throws(() => parseArgs(['ui', '--headed']), /unknown argument/);
  });
});

describe('harness: isolation and processes', () => {
  it('points HOME and every XDG folder into the run, turns the marketplace off, drops editor variables', () => {
    const run = createRunDir('unit-env');
    try {
      const env = serverEnv(run, { PATH: '/usr/bin', HOME: '/home/me', VSCODE_IPC_HOOK_CLI: '/x.sock', NODE_OPTIONS: '--inspect', npm_lifecycle_event: 'test' });
      for (const key of ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'TMPDIR']) {
        assert.ok(env[key]!.startsWith(run.dir), `${key}=${env[key]} is outside the run`);
      }
      assert.equal(env.EXTENSIONS_GALLERY, '{}');
      assert.equal(env.PATH, '/usr/bin');
      assert.equal(env.VSCODE_IPC_HOOK_CLI, undefined);
      assert.equal(env.NODE_OPTIONS, undefined);
      assert.equal(env.npm_lifecycle_event, undefined);
      const args = serverArgs(run);
      assert.equal(args[args.indexOf('--bind-addr') + 1], '127.0.0.1:0');
      for (const flag of ['--disable-telemetry', '--disable-update-check', '--disable-proxy', '--auth']) assert.ok(args.includes(flag), flag);
    } finally {
      run.dispose();
    }
  });

  it('gives the npm that installs code-server none of the variables of an outer npm run', () => {
    const env = withoutNpmRunVariables({
      PATH: '/usr/bin',
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64',
      npm_lifecycle_event: 'test',
      NODE: '/usr/bin/node',
      INIT_CWD: '/project',
      CI: 'true',
    });
    assert.deepEqual(env, { PATH: '/usr/bin', CI: 'true' });
  });

  it('parses /proc stat lines whose command has spaces and parentheses', () => {
    assert.deepEqual(parseProcStat('4242 (node (x) y) S 1 4240 4240 0 -1 4194560'), { state: 'S', pgrp: 4240 });
    assert.equal(parseProcStat('garbage'), undefined);
  });

  it('stops a whole process group, grandchildren included', async () => {
    const child = spawn(process.execPath, ['-e', `require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); setInterval(() => {}, 1000);`], {
      detached: true,
      stdio: 'ignore',
    });
    const pgid = child.pid!;
    await waitFor(() => groupMembers(pgid).length === 2, { timeout: 5000, message: 'the child and its grandchild to start' });
    await stopGroup(pgid);
    assert.deepEqual(groupMembers(pgid), []);
  });

  describe('startServer with a stand-in for code-server', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'roundup-harness-unit-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    function fakeInstallation(script: string): Installation {
      const entry = join(dir, `entry-${Math.random().toString(36).slice(2)}.js`);
      writeFileSync(entry, script);
      const spec = resolveVersions('1.100.3')[0]!;
      return { spec, dir, codeServerDir: dir, entry, nodeBin: process.execPath };
    }

    it('reads the port it listens on, and stop() ends it and its children', async () => {
      const inst = fakeInstallation(`
        const http = require('http');
        require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
        const server = http.createServer((req, res) => res.end(process.env.HOME));
        server.listen(0, '127.0.0.1', () => console.log('[t] info  HTTP server listening on http://127.0.0.1:' + server.address().port + '/'));
      `);
      const run = createRunDir('unit-server');
      try {
        const server = await startServer(inst, run, { startTimeoutMs: 10_000 });
        assert.equal(server.url, `http://127.0.0.1:${server.port}/`);
        const body = await new Promise<string>((resolve, reject) => {
          get(server.url, (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve(text));
          }).on('error', reject);
        });
        assert.equal(body, run.homeDir, 'the server does not run with the run folder as HOME');
        assert.equal(groupMembers(server.pid).length, 2);
        await server.stop();
        assert.deepEqual(groupMembers(server.pid), []);
      } finally {
        run.dispose();
      }
    });

    it('fails with the output when the server exits before listening', async () => {
      const inst = fakeInstallation(`console.error('error: EADDRINUSE something'); process.exit(3);`);
      const run = createRunDir('unit-server-fail');
      try {
        await assert.rejects(startServer(inst, run, { startTimeoutMs: 10_000 }), /exited \(exit 3\) before listening[\s\S]*EADDRINUSE/);
      } finally {
        run.dispose();
      }
    });

    it('fails with a clear timeout when the server never says where it listens', async () => {
      const inst = fakeInstallation(`console.log('starting...'); setInterval(() => {}, 1000);`);
      const run = createRunDir('unit-server-silent');
      try {
        await assert.rejects(startServer(inst, run, { startTimeoutMs: 1500 }), /Timed out after 1\.5s: code-server 4\.100\.3 to print "HTTP server listening on[\s\S]*starting\.\.\./);
      } finally {
        run.dispose();
      }
    });
  });
});

describe('harness: test results and failure reports', () => {
  it('carries a result through a console line of the extension host, and reads nothing else', () => {
    const result = { title: 'a suite a test', state: 'failed' as const, ms: 12, error: 'Timed out after 60 s waiting for x' };
    assert.deepEqual(parseResultLine(formatConsoleCall([resultLine(result)]).trimEnd()), result);
    assert.equal(parseResultLine('    ✔ a test (12ms)'), undefined);
    assert.equal(parseResultLine(`${RESULT_MARK}{not json`), undefined);
    assert.equal(parseResultLine(`${RESULT_MARK}{"title":"t","state":"skipped"}`), undefined);
  });

  it('an error as its message and the first frames of its stack', () => {
    const error = new Error('boom');
    error.stack = 'Error: boom\n    at a (x.js:1:1)\n    at b (x.js:2:1)\n    at c (x.js:3:1)\n    at d (x.js:4:1)\n    at e (x.js:5:1)';
    assert.equal(describeError(error), 'boom\n    at a (x.js:1:1)\n    at b (x.js:2:1)\n    at c (x.js:3:1)\n    at d (x.js:4:1)');
    assert.equal(describeError('plain'), 'plain');
  });

  it('a failure report names each failing test with its screenshot, and ends each log with its last lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roundup-report-'));
    try {
      const kept = join(dir, 'ui-1.100.3-3');
      const exthost = join(kept, 'vscode', '20261207T000000', 'exthost1');
      mkdirSync(join(exthost, 'output_logging_1'), { recursive: true });
      writeFileSync(join(exthost, 'remoteexthost.log'), Array.from({ length: 40 }, (_, i) => `host line ${i + 1}`).join('\n'));
      writeFileSync(join(exthost, 'output_logging_1', '1-Roundup.log'), '[feeds] one failed\n');
      writeFileSync(join(kept, 'browser-console.log'), '[error] renderer trouble\n');
      const logs = keptLogs(kept);
      assert.deepEqual(logs.map((l) => l.name), [
        'ui-1.100.3-3: renderer (browser console)',
        'ui-1.100.3-3: extension host',
        'ui-1.100.3-3: Roundup output channel',
      ]);
      const file = writeFailureReport('harness-unit-test', [{ title: 'suite test', state: 'failed', ms: 1, error: 'boom', screenshots: [join(dir, 'shot.png')] }], logs);
      try {
        const report = readFileSync(file, 'utf8');
        assert.match(report, /^# harness-unit-test: 1 failed test\(s\)\n\n## suite test\nboom\nscreenshot: .*shot\.png\n/);
        assert.ok(report.includes('renderer trouble') && report.includes('[feeds] one failed'));
        assert.ok(report.includes('host line 40') && report.includes('host line 16') && !report.includes('host line 15\n'), 'the last 25 lines of a log');
      } finally {
        clearFailureReport('harness-unit-test');
      }
      assert.ok(!existsSync(file));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('harness: the stress runner', () => {
  it('parses its options: runs, busy cores, suites, versions', () => {
    assert.deepEqual(parseStressArgs([]), { runs: 5, busy: false, suites: ['integration', 'ui'], versions: ['1.100.3', '1.139.1'], keepGoing: false });
    assert.deepEqual(parseStressArgs(['--runs', '2', '--busy', '--suites', 'ui,vsix', '--vscode', '1.139.1', '--keep-going']), {
      runs: 2, busy: true, suites: ['ui', 'vsix'], versions: ['1.139.1'], keepGoing: true,
    });
    assert.throws(() => parseStressArgs(['--runs', '0']), /--runs takes a whole number/);
    assert.throws(() => parseStressArgs(['--suites', 'unit']), /unknown: unit/);
    assert.throws(() => parseStressArgs(['--runs']), /--runs needs a value/);
    assert.throws(() => parseStressArgs(['--vscode', '2.0']), /unknown VS Code version/);
  });

  it('reads each suite\'s results where the harness writes them', () => {
    assert.equal(resultLabel('integration', '1.100.3'), 'integration-1.100.3');
    assert.equal(resultLabel('ui', '1.139.1'), 'ui-1.139.1');
    assert.equal(resultLabel('vsix', '1.139.1'), 'ui-1.139.1-vsix');
  });

  it('counts each test over the runs and lists the flaky ones, most failures first', () => {
    const tally = new Tally();
    tally.add('ui 1.100.3', [{ title: 'a', state: 'passed' }, { title: 'b', state: 'failed', error: 'Timed out\nat x' }]);
    tally.add('ui 1.100.3', [{ title: 'a', state: 'failed', error: 'boom' }, { title: 'b', state: 'failed', error: 'Timed out' }]);
    tally.add('ui 1.139.1', [{ title: 'a', state: 'passed' }]);
    assert.equal(tally.size, 3);
    assert.deepEqual(tally.flaky(), [
      { test: 'ui 1.100.3 :: b', passed: 0, failed: 2, errors: ['Timed out', 'Timed out'] },
      { test: 'ui 1.100.3 :: a', passed: 1, failed: 1, errors: ['boom'] },
    ]);
  });
});
