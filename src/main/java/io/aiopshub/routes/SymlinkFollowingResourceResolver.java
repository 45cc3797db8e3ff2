package io.aiopshub.routes;

import java.io.File;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceLoader;
import org.apache.camel.spring.boot.FatJarPackageScanResourceResolver;
import org.apache.camel.support.PluginHelper;

/**
 * Camel's resource scan for {@code file:} patterns ({@code camel.main.routes-include-pattern}), with
 * {@link RouteFileFinder} in place of Camel's walk so that symbolic links are followed. Classpath
 * scanning stays Camel Spring Boot's (fat-jar aware).
 */
public class SymlinkFollowingResourceResolver extends FatJarPackageScanResourceResolver {

    @Override
    protected void findInFileSystem(File dir, Set<Resource> resources, String subPattern, Predicate<String> filter) {
        ResourceLoader loader = PluginHelper.getResourceLoader(getCamelContext());
        for (Path path : RouteFileFinder.find(dir.toPath(), subPattern)) {
            String location = path.toString();
            if (filter == null || filter.test(location)) {
                resources.add(loader.resolveResource("file:" + location));
            }
        }
    }
}
