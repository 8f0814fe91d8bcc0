/**
 * What every feature shares: configuration, the database and its migrations, security mechanism,
 * error mapping and health checks. Depends on no feature package.
 */
package org.lungscan.platform;
