// Where Roundup's repository is, for the packages' `repository`, `homepage` and `bugs` and the links
// of their READMEs: only when it is known, never an address made up. Known in GitHub Actions (the
// repository the workflow runs in: GITHUB_SERVER_URL/GITHUB_REPOSITORY, which npm's provenance
// checks the package against) or given as ROUNDUP_REPOSITORY=https://github.com/OWNER/REPOSITORY.
// A build elsewhere names none: the .vsix's README keeps its pictures as relative links.

/** The repository's address (`https://github.com/OWNER/REPOSITORY`), or undefined when not known. */
export function repositoryUrl(env = process.env) {
  const given = env.ROUNDUP_REPOSITORY
    ?? (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}` : undefined);
  if (given === undefined || given === '') return undefined;
  const url = given.replace(/\.git$/, '').replace(/\/+$/, '');
  if (!/^https:\/\/[\w.-]+\/[\w.-]+\/[\w.-]+$/.test(url)) {
    throw new Error(`not a repository address (https://HOST/OWNER/REPOSITORY): ${given}`);
  }
  return url;
}

/** The package.json fields that name the repository at `url`; `section`: the README part of the homepage. */
export function repositoryFields(url, section = 'readme') {
  return {
    repository: { type: 'git', url: `git+${url}.git` },
    homepage: `${url}#${section}`,
    bugs: { url: `${url}/issues` },
  };
}
