// Node 20 is this project's runtime by decision (see README); the AWS SDK's reminder that its
// 2027 releases need Node 22 would otherwise be printed by every test file that makes a client.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
