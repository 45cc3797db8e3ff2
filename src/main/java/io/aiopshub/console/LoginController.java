package io.aiopshub.console;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.aiopshub.console.oidc.ConsoleOidc;

/**
 * The login form (Spring Security handles its POST), with a "Sign in with ..." link when the OpenID login
 * is configured, and the console's entry point.
 */
@Controller
public class LoginController {

    private final ObjectProvider<ConsoleOidc> oidc;

    public LoginController(ObjectProvider<ConsoleOidc> oidc) {
        this.oidc = oidc;
    }

    @GetMapping("/console/login")
    String login(Model model) {
        model.addAttribute("oidc", oidc.getIfAvailable());
        return "console/login";
    }

    @GetMapping({"/console", "/console/"})
    String home() {
        return "redirect:/console/incidents";
    }
}
