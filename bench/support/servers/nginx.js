// nginx (Debian's nginx-light) as the reference on the same core: one worker, static files for
// GET and HEAD, WebDAV PUT for the PUT rows, everything (pid, logs, temp files) in its directory.
'use strict';
const { existsSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { launch } = require('./launch');

const NGINX = '/usr/sbin/nginx';

/** Whether nginx is installed where Debian puts it. */
const nginxPresent = () => existsSync(NGINX);

/** The configuration: files under `dir`/data, PUT under /put/ (new files, directories made as needed). */
function config(dir, port) {
  return `
worker_processes 1;
daemon off;
user root;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 10000000;
  default_type application/octet-stream;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/data;
    client_max_body_size 0;
    location /put/ {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw;
    }
  }
}
`;
}

/** Starts nginx with a configuration written into `dir`, on `core`. */
async function startNginx({ dir, core }) {
  const conf = join(dir, 'nginx.conf');
  const server = await launch({
    name: 'nginx',
    dir,
    core,
    command: NGINX,
    args: (port) => {
      writeFileSync(conf, config(dir, port));
      return ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')];
    },
  });
  return { ...server, kind: 'static' };
}

module.exports = { startNginx, nginxPresent };
