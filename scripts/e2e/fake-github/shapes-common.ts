/**
 * GitHub-shaped JSON for users, repositories and labels, built from the fake's records. Every field
 * the OpenAPI schema marks as required is present; optional fields are included where clients
 * commonly read them. API URLs point at the fake, web URLs at the configured server URL.
 */
import type { FakeStore } from "./store.js";
import { fullName, type LabelRecord, type RepoRecord } from "./model.js";

/** What every shape builder needs: where the fake lives and its data. */
export interface ShapeContext {
  /** Base URL of the fake's API, no trailing slash (`http://127.0.0.1:1234`). */
  api: string;
  /** Base URL of web pages, no trailing slash (`https://github.com`). */
  web: string;
  store: FakeStore;
}

/** GitHub's global node id format: base64 of `<Type>:<id>`. */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`).toString("base64").replace(/=+$/, "");
}

/** `simple-user` for a login (the user record is created on first mention). */
export function userShape(ctx: ShapeContext, login: string): Record<string, unknown> {
  const user = ctx.store.user(login);
  const api = `${ctx.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === "Bot" ? "Bot" : "User", user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `${ctx.web}/${user.type === "Bot" ? "apps/" : ""}${encodeURIComponent(user.login.replace(/\[bot\]$/, ""))}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: false,
  };
}

/** API base of a repository: `<api>/repos/owner/name`. */
export function repoApi(ctx: ShapeContext, repo: RepoRecord): string {
  return `${ctx.api}/repos/${fullName(repo)}`;
}

/** Web base of a repository: `<web>/owner/name`. */
export function repoWeb(ctx: ShapeContext, repo: RepoRecord): string {
  return `${ctx.web}/${fullName(repo)}`;
}

/**
 * One object that satisfies `repository`, `full-repository` and `minimal-repository` (they differ
 * only in which fields are required).
 */
export function repoShape(ctx: ShapeContext, repo: RepoRecord): Record<string, unknown> {
  const api = repoApi(ctx, repo);
  const openIssues = [...repo.issues.values()].filter((i) => i.state === "open").length;
  const host = new URL(ctx.web).host;
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: fullName(repo),
    owner: userShape(ctx, repo.owner),
    private: repo.private,
    visibility: repo.private ? "private" : "public",
    html_url: repoWeb(ctx, repo),
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${fullName(repo)}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${fullName(repo)}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    hooks_url: `${api}/hooks`,
    clone_url: `${repoWeb(ctx, repo)}.git`,
    mirror_url: null,
    svn_url: repoWeb(ctx, repo),
    homepage: null,
    language: "TypeScript",
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues: openIssues,
    open_issues_count: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    network_count: 0,
    subscribers_count: 0,
  };
}

/** `label`. */
export function labelShape(ctx: ShapeContext, repo: RepoRecord, label: LabelRecord): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId("Label", label.id),
    url: `${repoApi(ctx, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: label.default,
  };
}

/**
 * `author_association` of a login: the owner is OWNER, anyone holding triage or more is a
 * COLLABORATOR (the fake has no organisations), everyone else NONE.
 */
export function authorAssociation(ctx: ShapeContext, repo: RepoRecord, login: string): string {
  if (login.toLowerCase() === repo.owner.toLowerCase()) return "OWNER";
  const permission = ctx.store.permissionOf(repo, login);
  return permission && permission !== "read" && permission !== "none" ? "COLLABORATOR" : "NONE";
}
